import { type StageRecord } from '@ecogate/contracts';

/** What a vehicle is looked up by: its VIN, or its 信息公开编号 when it has no VIN on record. */
export type StageLookupKey =
  | { readonly kind: 'vin'; readonly value: string }
  | { readonly kind: 'disclosure-number'; readonly value: string };

/**
 * Why a source gave no answer. None of these means "not found": `rate-limited`, `timeout`,
 * `server-error`, `unreachable` and `invalid-response` are retried; `unauthorized` is the city's
 * credentials, fixed by an operator, never retried on its own.
 */
export type StageLookupFailure =
  'rate-limited' | 'timeout' | 'server-error' | 'unreachable' | 'invalid-response' | 'unauthorized';

export type StageLookupAnswer =
  | { readonly result: 'found'; readonly record: StageRecord; readonly answeredAt: Date }
  | { readonly result: 'not-found'; readonly answeredAt: Date }
  /** Several records with different stages: all of them, newest first. */
  | { readonly result: 'conflict'; readonly records: readonly StageRecord[]; readonly answeredAt: Date }
  | {
      readonly result: 'unavailable';
      readonly failure: StageLookupFailure;
      readonly message: string;
      /** From the source's `Retry-After` (429). */
      readonly retryAfterMs?: number;
    };

/** The answers a source gave (as opposed to `unavailable`): these are cached and kept. */
export type StageLookupReply = Exclude<StageLookupAnswer, { result: 'unavailable' }>;

/**
 * One stage lookup at a province's vehicle database or the national disclosure service
 * (docs/stage-lookup.md). Never throws for the source's faults: they are `unavailable` answers.
 */
export interface StageLookup {
  lookup(key: StageLookupKey): Promise<StageLookupAnswer>;
}

export const describeKey = (key: StageLookupKey): string => `${key.kind}:${key.value}`;
