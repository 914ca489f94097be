import { type paths } from '../api/generated/schema';

const E = '/api/ledger/v1/enterprises/{enterpriseId}';
export const VEHICLE = `${E}/vehicles/{plate}` as const;
export const READS = `${E}/vehicle-document-reads` as const;
export const CONFIRMATION = `${E}/vehicle-document-reads/{readId}/confirmation` as const;
export const REVIEWS = `${E}/vehicle-reviews` as const;
export const RESOLUTION = `${E}/vehicle-reviews/{plate}/resolution` as const;
export const STAGE_LOOKUP = `${E}/vehicles/{plate}/stage-lookup` as const;

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type VehicleView = Json<paths[typeof VEHICLE]['get']['responses'][200]>;
export type DocumentRead = Json<paths[typeof READS]['get']['responses'][200]>['items'][number];
export type Confirmation = NonNullable<
  paths[typeof CONFIRMATION]['post']['requestBody']
>['content']['application/json'];
export type StageReview = Json<paths[typeof REVIEWS]['get']['responses'][200]>['items'][number];
export type StageLookupView = Json<paths[typeof STAGE_LOOKUP]['get']['responses'][200]>;

/** Query keys shared by the passage page's panels and the review list, so one change refreshes all. */
export const vehicleKey = (enterpriseId: string, plate: string) => ['vehicle', enterpriseId, plate] as const;
export const readsKey = (enterpriseId: string, plate: string) =>
  ['vehicle-document-reads', enterpriseId, plate] as const;
export const lookupKey = (enterpriseId: string, plate: string) =>
  ['stage-lookup', enterpriseId, plate] as const;
export const REVIEWS_KEY = 'vehicle-reviews';
