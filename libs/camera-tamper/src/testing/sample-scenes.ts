import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

/**
 * The real scene photos under the shared samples (never copied into the repository). The
 * directory is TAMPER_SCENES_DIR, else ../shared/samples/plates/scene next to the repository.
 */
export function sampleScenesDir(): string {
  const configured = process.env['TAMPER_SCENES_DIR'];
  if (configured) return configured;
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, '..', 'shared', 'samples', 'plates', 'scene');
}

export interface SampleScene {
  readonly name: string;
  readonly image: Buffer;
}

/** Scene photos at least `minSide` px on their shorter side (plate crops are not scenes), normalised to at most 1280 px wide. */
export async function loadSampleScenes(dir = sampleScenesDir(), minSide = 280): Promise<SampleScene[]> {
  if (!existsSync(dir)) throw new Error(`no sample scenes at ${dir} (set TAMPER_SCENES_DIR)`);
  const scenes: SampleScene[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => /\.(jpe?g|png)$/i.test(f))
    .sort()) {
    const bytes = readFileSync(join(dir, name));
    const { width = 0, height = 0 } = await sharp(bytes).metadata();
    if (Math.min(width, height) < minSide) continue;
    const image = await sharp(bytes)
      .rotate()
      .resize({ width: 1280, withoutEnlargement: true })
      .jpeg({ quality: 92 })
      .toBuffer();
    scenes.push({ name, image });
  }
  return scenes;
}
