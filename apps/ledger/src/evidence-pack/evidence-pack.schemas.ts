import { z } from 'zod';
import { FILE_JOB_STATES } from '../file-job/file-job.entity';

const instant = z.iso.datetime({ offset: true });

export const packIdParam = z.uuid();

/** An evidence pack job as the API shows it. */
export const evidencePackSchema = z.object({
  packId: z.uuid(),
  inspectionId: z.uuid(),
  state: z.enum(FILE_JOB_STATES),
  /** 0…1: steps done of all (1 when done). */
  progress: z.number().min(0).max(1),
  steps: z.number().int(),
  totalSteps: z.number().int().nullable(),
  /** What a running job is doing when that takes long (waiting for the video archive). */
  activity: z.string().optional(),
  error: z.string().optional(),
  requestedBy: z.string(),
  createdAt: instant,
  startedAt: instant.nullable(),
  finishedAt: instant.nullable(),
  fileName: z.string().optional(),
  bytes: z.number().int().optional(),
  /** SHA-256 of the whole ZIP, hex: what a reader compares before anything else. */
  sha256: z.string().optional(),
  /** Short-lived (`LEDGER_EXPORT_URL_TTL_S`); a new one with every GET while the file is kept. */
  downloadUrl: z.string().optional(),
  downloadUrlExpiresAt: instant.optional(),
  /** When the file is removed (the exports bucket's lifecycle rule). */
  expiresAt: instant.nullable(),
});
export type EvidencePackView = z.infer<typeof evidencePackSchema>;
