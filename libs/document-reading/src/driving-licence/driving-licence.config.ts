import { positiveInt } from '@ecogate/config';
import { type LprConfig } from '@ecogate/lpr';
import { z } from 'zod';
import { type DrivingLicenceWorkerInit } from './driving-licence-pool';
import { DEFAULT_DETECTOR_OPTIONS } from './text-detector';

/**
 * The licence reader's environment. Its models come from the plate engine's settings: the PP-OCRv4
 * folder (`LPR_PPOCR_MODEL_DIR`), hashes (`LPR_MODEL_SHA256`), threads and pixel limit.
 */
export const drivingLicenceEnv = {
  /** Worker threads reading licences (each loads both models, about 60 MB). */
  LICENCE_OCR_WORKERS: positiveInt(1),
  /** Photos allowed to wait for a worker; one more is answered 503 at once. */
  LICENCE_OCR_QUEUE_LIMIT: z.coerce.number().int().min(0).max(1000).default(4),
  /** A photo taking longer is abandoned and its worker replaced. */
  LICENCE_OCR_JOB_TIMEOUT_MS: positiveInt(30_000),
  /** The detector's input: the photo's longer side brought down to this many pixels. */
  LICENCE_OCR_LIMIT_SIDE: z.coerce
    .number()
    .int()
    .min(320)
    .max(4096)
    .default(DEFAULT_DETECTOR_OPTIONS.limitSide),
};

export type DrivingLicenceEnv = z.infer<z.ZodObject<typeof drivingLicenceEnv>>;

export interface DrivingLicenceConfig {
  readonly init: DrivingLicenceWorkerInit;
  readonly pool: {
    readonly workers: number;
    readonly queueLimit: number;
    readonly jobTimeoutMs: number;
    readonly workerHeapMb: number;
  };
}

export function drivingLicenceConfigFrom(env: DrivingLicenceEnv, lpr: LprConfig): DrivingLicenceConfig {
  return {
    init: {
      engine: {
        ...(lpr.engine.ppocrModelDir ? { modelDir: lpr.engine.ppocrModelDir } : {}),
        sha256: lpr.engine.sha256,
        intraOpNumThreads: lpr.engine.intraOpNumThreads,
        detector: { ...DEFAULT_DETECTOR_OPTIONS, limitSide: env.LICENCE_OCR_LIMIT_SIDE },
      },
      reader: {
        maxInputPixels: lpr.pipeline.maxInputPixels,
        decodeTimeoutSeconds: Math.max(1, Math.ceil(env.LICENCE_OCR_JOB_TIMEOUT_MS / 1000)),
      },
      sharpConcurrency: 1,
    },
    pool: {
      workers: env.LICENCE_OCR_WORKERS,
      queueLimit: env.LICENCE_OCR_QUEUE_LIMIT,
      jobTimeoutMs: env.LICENCE_OCR_JOB_TIMEOUT_MS,
      workerHeapMb: lpr.pool.workerHeapMb,
    },
  };
}
