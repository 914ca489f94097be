import { z } from 'zod';

// The reference stage-lookup protocol (docs/stage-lookup.md): how a city's ledger asks a province's
// vehicle database or the national disclosure service for a vehicle's emission stage. Requests are
// strict, answers are parsed loosely (a source may add fields without breaking the ledger).

/** The path of the one lookup call (`POST`, JSON body). */
export const STAGE_LOOKUP_PATH = '/api/v1/stage-lookups';

/** 17 of A-Z (no I, O, Q) and 0-9 (ISO 3779; the check digit is not enforced). */
export const lookupVinSchema = z
  .string()
  .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'VIN: 17 of A-Z (no I, O, Q) and 0-9');

/**
 * 信息公开编号: letters and digits, the stage as `G<digit>` at characters 5–6 (e.g. `CNZXG6…`).
 * Only the shape is checked here; what it says is the source's to answer.
 */
export const disclosureNumberSchema = z
  .string()
  .regex(/^[A-Z0-9]{8,40}$/, 'disclosure number: 8 to 40 of A-Z and 0-9');

/** Exactly one key: the VIN or the disclosure number. */
export const stageLookupRequestSchema = z.union([
  z.strictObject({ vin: lookupVinSchema }),
  z.strictObject({ disclosureNumber: disclosureNumberSchema }),
]);
export type StageLookupRequest = z.infer<typeof stageLookupRequestSchema>;

/** Stages as the national standards number them (国0 … 国VI); `VIa`/`VIb` when the source knows the sub-stage. */
export const WIRE_STAGES = ['0', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VIa', 'VIb'] as const;
export type WireStage = (typeof WIRE_STAGES)[number];

/** One record the source holds for a vehicle. */
export const stageRecordSchema = z.object({
  /** The source's own id of the record, kept by the ledger as proof of what was answered. */
  recordId: z.string().min(1).max(100),
  stage: z.enum(WIRE_STAGES),
  /** Free text of the source (e.g. `diesel`, `柴油`): kept, not interpreted. */
  fuel: z.string().max(50).nullable(),
  vehicleType: z.string().max(100).nullable(),
  disclosureNumber: z.string().max(40).nullable(),
  vin: z.string().max(17).nullable(),
  /** When the source last changed the record (ISO 8601 with offset). */
  updatedAt: z.iso.datetime({ offset: true }),
});
export type StageRecord = z.infer<typeof stageRecordSchema>;

/**
 * 200 answer. `found`: one record, or several that agree on the stage (the newest first);
 * `conflict`: several records with different stages, all of them; `not-found`: none.
 */
export const stageLookupResponseSchema = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('found'),
    record: stageRecordSchema,
    answeredAt: z.iso.datetime({ offset: true }),
  }),
  z.object({
    result: z.literal('conflict'),
    records: z.array(stageRecordSchema).min(2),
    answeredAt: z.iso.datetime({ offset: true }),
  }),
  z.object({ result: z.literal('not-found'), answeredAt: z.iso.datetime({ offset: true }) }),
]);
export type StageLookupResponse = z.infer<typeof stageLookupResponseSchema>;

export const STAGE_LOOKUP_ERROR_CODES = [
  'invalid-request',
  'unauthorized',
  'rate-limited',
  'unavailable',
  'not-found',
] as const;
export type StageLookupErrorCode = (typeof STAGE_LOOKUP_ERROR_CODES)[number];

/** Every non-2xx answer (429 adds `Retry-After` in seconds). */
export const stageLookupErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type StageLookupError = z.infer<typeof stageLookupErrorSchema>;
