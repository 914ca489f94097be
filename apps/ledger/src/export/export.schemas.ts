import { idSchema } from '@ecogate/contracts';
import { z } from 'zod';
import { passagesQuery } from '../api/ledger.controller';
import { FILE_JOB_STATES } from '../file-job/file-job.entity';
import { EXPORT_LEDGERS } from './export-job.entity';

/**
 * The passage search's filters, with the search's own validation. Picked by name: a filter the
 * search gains later is refused here (400) until the export applies it too.
 */
const q = passagesQuery.shape;
const filters = {
  from: q.from,
  to: q.to,
  plate: q.plate,
  stage: q.stage,
  gateId: q.gateId,
  minCompleteness: q.minCompleteness,
  maxCompleteness: q.maxCompleteness,
};
/** Filters that only ledger A (passages) has; the registries B and C take `from`/`to` only (on their last change). */
export const PASSAGE_ONLY_FILTERS = [
  'plate',
  'stage',
  'gateId',
  'minCompleteness',
  'maxCompleteness',
] as const;

type ExportBody = { ledger: string; from?: Date; to?: Date } & Partial<
  Record<(typeof PASSAGE_ONLY_FILTERS)[number], unknown>
>;
const rangeInOrder = (body: ExportBody) => !body.from || !body.to || body.from < body.to;
const filtersFitLedger = (body: ExportBody) =>
  body.ledger === 'passages' || PASSAGE_ONLY_FILTERS.every((name) => body[name] === undefined);
const FILTER_REFUSAL = `${PASSAGE_ONLY_FILTERS.join(', ')} filter passages only`;

/** `POST /api/v1/enterprises/:enterpriseId/exports`. */
export const createExportSchema = z
  .strictObject({ ledger: z.enum(EXPORT_LEDGERS), ...filters })
  .refine(rangeInOrder, 'from must be before to')
  .refine(filtersFitLedger, FILTER_REFUSAL);
export type CreateExport = z.infer<typeof createExportSchema>;

/** `POST /api/v1/exports`: several enterprises, one sheet with an enterprise column. */
export const createCityExportSchema = z
  .strictObject({
    enterpriseIds: z
      .array(idSchema)
      .min(1)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, 'enterpriseIds: each at most once'),
    ledger: z.enum(EXPORT_LEDGERS),
    ...filters,
  })
  .refine(rangeInOrder, 'from must be before to')
  .refine(filtersFitLedger, FILTER_REFUSAL);
export type CreateCityExport = z.infer<typeof createCityExportSchema>;

export const listExportsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const exportJobIdParam = z.uuid();

const instant = z.iso.datetime({ offset: true });

/** A job as the API shows it (every export route answers with it, or a list of it). */
export const exportJobSchema = z.object({
  jobId: z.uuid(),
  ledger: z.enum(EXPORT_LEDGERS),
  enterpriseIds: z.array(z.string()).describe('The enterprises exported, in sheet order'),
  filters: z.object({
    from: instant.optional(),
    to: instant.optional(),
    plate: z.string().optional(),
    stage: z.string().optional(),
    gateId: z.string().optional(),
    minCompleteness: z.number().optional(),
    maxCompleteness: z.number().optional(),
  }),
  state: z.enum(FILE_JOB_STATES),
  rows: z.number().int().describe('Rows written so far'),
  totalRows: z.number().int().nullable().describe('Rows to write, counted when the job starts'),
  progress: z.number().min(0).max(1),
  error: z
    .string()
    .optional()
    .describe('Why the job failed: `too-many-rows`, `interrupted`, `export-failed` …'),
  requestedBy: z.string().describe("The requester's subject"),
  createdAt: instant,
  startedAt: instant.nullable(),
  finishedAt: instant.nullable(),
  fileName: z.string().optional(),
  bytes: z.number().int().optional(),
  downloadUrl: z
    .string()
    .optional()
    .describe(
      'A short-lived link to the file (only on `GET …/exports/:jobId` of a done job, until `expiresAt`)',
    ),
  downloadUrlExpiresAt: instant.optional(),
  expiresAt: instant
    .nullable()
    .describe(
      'The end of its download links, when the bucket’s expiry rule removes the file; `null` until done',
    ),
});
export type ExportJobView = z.infer<typeof exportJobSchema>;

export const exportJobListSchema = z.object({ items: z.array(exportJobSchema) });
export type ExportJobList = z.infer<typeof exportJobListSchema>;
