import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/** One labelled plate: `?` in `text` is a wildcard (a character no person can read). */
export interface PlateTruth {
  readonly text: string;
  readonly colour?: string;
  readonly rows?: 1 | 2;
}

export interface SceneSample {
  readonly file: string;
  readonly bytes: Buffer;
  readonly plates: readonly PlateTruth[];
  /** Further plates in the photo not to score (illegible or out of scope). */
  readonly ignore: number;
}

export interface CropSample {
  readonly file: string;
  readonly bytes: Buffer;
  readonly truth: PlateTruth;
}

export interface SampleSet {
  readonly dir: string;
  readonly scenes: readonly SceneSample[];
  readonly crops: readonly CropSample[];
}

interface TruthSupplement {
  readonly scene?: Record<string, readonly { colour?: string; rows?: 1 | 2 }[]>;
  readonly crops?: { colour?: string; rows?: 1 | 2 };
}

type LabelEntry = { plates: (string | PlateTruth)[]; ignore?: number };

const IMAGE = /\.(jpe?g|png|bmp)$/i;

/**
 * Reads a directory shaped like ../shared/samples/plates: `scene/labels.json` + photos, and
 * `crops/<truth>.<ext>`. Colour and row truth come from the labels themselves when present,
 * else from `supplement` (matched by file name and plate order).
 */
export function loadSampleSet(dir: string, supplement?: TruthSupplement): SampleSet {
  const sceneDir = join(dir, 'scene');
  const cropDir = join(dir, 'crops');
  const scenes: SceneSample[] = [];
  const labelsPath = join(sceneDir, 'labels.json');
  if (existsSync(labelsPath)) {
    const labels = JSON.parse(readFileSync(labelsPath, 'utf8')) as Record<string, LabelEntry | string>;
    for (const [file, entry] of Object.entries(labels)) {
      if (file.startsWith('_') || typeof entry !== 'object') continue;
      const extra = supplement?.scene?.[file] ?? [];
      scenes.push({
        file,
        bytes: readFileSync(join(sceneDir, file)),
        ignore: entry.ignore ?? 0,
        plates: entry.plates.map((p, i) => ({ ...extra[i], ...(typeof p === 'string' ? { text: p } : p) })),
      });
    }
  }
  const crops: CropSample[] = existsSync(cropDir)
    ? readdirSync(cropDir)
        .filter((f) => IMAGE.test(f))
        .sort()
        .map((file) => ({
          file,
          bytes: readFileSync(join(cropDir, file)),
          truth: { ...supplement?.crops, text: basename(file, extname(file)) },
        }))
    : [];
  return { dir, scenes, crops };
}
