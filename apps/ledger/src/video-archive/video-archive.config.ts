import { positiveInt, url } from '@ecogate/config';
import { type z } from 'zod';

/** Where the ledger reads video for inspections (clips, window scans, outages). */
export const videoArchiveEnv = {
  /** The video archive's API; unset (a ledger without video): inspections say the video is not reachable. */
  VIDEO_ARCHIVE_URL: url(['http', 'https']).optional(),
  LEDGER_VIDEO_ARCHIVE_TIMEOUT_MS: positiveInt(10_000),
};

export interface VideoArchiveConfig {
  readonly url: string;
  readonly timeoutMs: number;
}

export function videoArchiveConfig(
  env: z.infer<z.ZodObject<typeof videoArchiveEnv>>,
): VideoArchiveConfig | undefined {
  return env.VIDEO_ARCHIVE_URL
    ? { url: env.VIDEO_ARCHIVE_URL, timeoutMs: env.LEDGER_VIDEO_ARCHIVE_TIMEOUT_MS }
    : undefined;
}
