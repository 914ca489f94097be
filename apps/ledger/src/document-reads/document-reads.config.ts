import { positiveInt, url } from '@ecogate/config';
import { type z } from 'zod';

/** Where the ledger has its vehicle documents read (随车清单 QR code, 行驶证 OCR). */
export const documentReadsEnv = {
  /** plate-recognition's API (the name video-archive uses); unset: reads stay queued, "not configured". */
  PLATE_RECOGNITION_URL: url(['http', 'https']).optional(),
  /** OCR of a large photo takes seconds on a CPU. */
  LEDGER_DOCUMENT_READ_TIMEOUT_MS: positiveInt(60_000),
};

export interface DocumentReadsConfig {
  readonly plateRecognitionUrl: string;
  readonly timeoutMs: number;
}

export function documentReadsConfig(
  env: z.infer<z.ZodObject<typeof documentReadsEnv>>,
): DocumentReadsConfig | undefined {
  return env.PLATE_RECOGNITION_URL
    ? { plateRecognitionUrl: env.PLATE_RECOGNITION_URL, timeoutMs: env.LEDGER_DOCUMENT_READ_TIMEOUT_MS }
    : undefined;
}
