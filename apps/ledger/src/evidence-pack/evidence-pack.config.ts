import { positiveInt } from '@ecogate/config';
import { type z } from 'zod';
import { type ArchiveWait } from './evidence-sources';

/** Evidence packs (docs/ledger.md, Inspections); the job loop, bucket and links are the export's. */
export const evidencePackEnv = {
  /** Between two tries of an unavailable video archive while a pack waits for its clips. */
  LEDGER_EVIDENCE_PACK_ARCHIVE_RETRY_MS: positiveInt(15_000),
  /** How long a pack waits for an unavailable archive in all before it fails (never built without its clips). */
  LEDGER_EVIDENCE_PACK_ARCHIVE_WAIT_MS: positiveInt(1_800_000),
};

export interface EvidencePackConfig {
  readonly archiveWait: ArchiveWait;
}

export const DEFAULT_EVIDENCE_PACK_CONFIG: EvidencePackConfig = {
  archiveWait: { retryMs: 15_000, maxWaitMs: 1_800_000 },
};

export function evidencePackConfig(env: z.infer<z.ZodObject<typeof evidencePackEnv>>): EvidencePackConfig {
  return {
    archiveWait: {
      retryMs: env.LEDGER_EVIDENCE_PACK_ARCHIVE_RETRY_MS,
      maxWaitMs: env.LEDGER_EVIDENCE_PACK_ARCHIVE_WAIT_MS,
    },
  };
}
