import { z } from 'zod';
import { enterpriseCodeSchema } from './enterprise-code';
import { formatIssues } from './issue-format';
import { type PlatformRecord, platformRecordSchema, serialSchema } from './record.schema';

export const MAX_BATCH_RECORDS = 100;

/** `POST /api/v1/records` body, validated in full: what a client checks before sending. */
export const recordsRequestSchema = z.strictObject({
  enterpriseCode: enterpriseCodeSchema,
  records: z
    .array(platformRecordSchema, { error: 'must be an array of records' })
    .min(1, 'must hold at least 1 record')
    .max(MAX_BATCH_RECORDS, `must hold at most ${MAX_BATCH_RECORDS} records`),
});
export type RecordsRequest = z.infer<typeof recordsRequestSchema>;

/**
 * The part a receiver needs before it can answer record by record: the enterprise, and a serial
 * on every record so each one can be acknowledged.
 */
const batchEnvelopeSchema = z.strictObject({
  enterpriseCode: enterpriseCodeSchema,
  records: z
    .array(z.looseObject({ serial: serialSchema }), { error: 'must be an array of records' })
    .min(1, 'must hold at least 1 record')
    .max(MAX_BATCH_RECORDS, `must hold at most ${MAX_BATCH_RECORDS} records`),
});

export type BatchItem =
  { serial: string; ok: true; record: PlatformRecord } | { serial: string; ok: false; reason: string };

export type BatchValidation =
  { ok: false; reason: string } | { ok: true; enterpriseCode: string; items: BatchItem[] };

/**
 * How a receiver splits a batch: a broken envelope (enterprise code, records array, batch size,
 * a record without a usable serial) fails the whole request (HTTP 400); a record with a valid
 * serial but bad fields fails alone and is acknowledged `rejected`, so one bad row never blocks
 * the rest of the batch. Reasons name the field path, e.g. `records[2].payload.vin: …`.
 */
export function validateBatch(body: unknown): BatchValidation {
  const envelope = batchEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: formatIssues(envelope.error.issues) };
  const items = envelope.data.records.map((raw, index): BatchItem => {
    const record = platformRecordSchema.safeParse(raw);
    return record.success
      ? { serial: raw.serial, ok: true, record: record.data }
      : { serial: raw.serial, ok: false, reason: formatIssues(record.error.issues, ['records', index]) };
  });
  return { ok: true, enterpriseCode: envelope.data.enterpriseCode, items };
}
