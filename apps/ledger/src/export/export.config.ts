import { tmpdir } from 'node:os';
import { positiveInt } from '@ecogate/config';
import { z } from 'zod';

/** The environment of the Excel export (docs/ledger.md, Export). */
export const exportEnv = {
  /** Bucket of finished export files; created at boot when missing. */
  LEDGER_EXPORTS_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .default('ecogate-exports'),
  /**
   * Days a finished file stays downloadable; the bucket's lifecycle rule on `exports/` then removes
   * it (the ledger deletes no object: its storage key may not, ADR 0007).
   */
  LEDGER_EXPORT_KEEP_DAYS: positiveInt(1),
  /** Lifetime of one download link (a new one with every GET of the job). */
  LEDGER_EXPORT_URL_TTL_S: positiveInt(300),
  /** Jobs one instance runs side by side. */
  LEDGER_EXPORT_CONCURRENCY: positiveInt(1),
  /** A job over this many rows fails (`too-many-rows`) before writing anything. */
  LEDGER_EXPORT_MAX_ROWS: positiveInt(2_000_000),
  /** How often an idle worker looks for queued jobs, stale jobs and expired files. */
  LEDGER_EXPORT_POLL_MS: positiveInt(1_000),
  /** A running job whose heartbeat is older than this is taken to be orphaned (its process died). */
  LEDGER_EXPORT_STALE_MS: positiveInt(60_000),
  /**
   * Rows between two full garbage collections of the service while it exports (0: none): keeps
   * its memory flat during a long export, at tens of ms each (docs/ledger.md, Export).
   */
  LEDGER_EXPORT_GC_EVERY_ROWS: z.coerce.number().int().min(0).default(20_000),
  /** Where a job writes its file before the upload (removed afterwards). */
  LEDGER_EXPORT_TMP_DIR: z.string().min(1).default(tmpdir()),
};

export interface ExportConfig {
  readonly bucket: string;
  readonly keepDays: number;
  readonly urlTtlSeconds: number;
  readonly concurrency: number;
  readonly maxRows: number;
  readonly pollIntervalMs: number;
  readonly staleAfterMs: number;
  readonly tmpDir: string;
  /** Rows per worksheet before the next one starts (Excel's limit is 1 048 576 with the header). */
  readonly maxRowsPerSheet: number;
  /** How often, at most, the worker applies the expiry rule itself (filesystem store only). */
  readonly sweepIntervalMs: number;
  /** Rows between two full garbage collections during an export; 0: none. */
  readonly gcEveryRows: number;
}

/** Excel's last row is 1 048 576; one is the header. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

export const DEFAULT_EXPORT_CONFIG: ExportConfig = {
  bucket: 'ecogate-exports',
  keepDays: 1,
  urlTtlSeconds: 300,
  concurrency: 1,
  maxRows: 2_000_000,
  pollIntervalMs: 1_000,
  staleAfterMs: 60_000,
  tmpDir: tmpdir(),
  maxRowsPerSheet: EXCEL_MAX_DATA_ROWS,
  sweepIntervalMs: 3_600_000,
  gcEveryRows: 20_000,
};

export function exportConfig(env: z.infer<z.ZodObject<typeof exportEnv>>): ExportConfig {
  return {
    bucket: env.LEDGER_EXPORTS_BUCKET,
    keepDays: env.LEDGER_EXPORT_KEEP_DAYS,
    urlTtlSeconds: env.LEDGER_EXPORT_URL_TTL_S,
    concurrency: env.LEDGER_EXPORT_CONCURRENCY,
    maxRows: env.LEDGER_EXPORT_MAX_ROWS,
    pollIntervalMs: env.LEDGER_EXPORT_POLL_MS,
    staleAfterMs: env.LEDGER_EXPORT_STALE_MS,
    tmpDir: env.LEDGER_EXPORT_TMP_DIR,
    maxRowsPerSheet: DEFAULT_EXPORT_CONFIG.maxRowsPerSheet,
    sweepIntervalMs: DEFAULT_EXPORT_CONFIG.sweepIntervalMs,
    gcEveryRows: env.LEDGER_EXPORT_GC_EVERY_ROWS,
  };
}
