import { type paths } from '../api/generated/schema';

type List = '/api/ledger/v1/enterprises/{enterpriseId}/passages';
type One = '/api/ledger/v1/enterprises/{enterpriseId}/passages/{passageId}';

/** A page of the ledger as the service answers it. */
export type PassagePage = paths[List]['get']['responses'][200]['content']['application/json'];
/** A row of the ledger. */
export type PassageRow = PassagePage['items'][number];
/** One passage with its decisions. */
export type Passage = paths[One]['get']['responses'][200]['content']['application/json'];
/** The clerk's completion (PATCH body). */
export type PassageCompletion = paths[One]['patch']['requestBody']['content']['application/json'];

export const PASSAGES_KEY = 'passages';
