import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RawImage } from '../image-types';
import { decodeRgb } from '../photo-effects';

export interface SceneBackground {
  readonly file: string;
  readonly image: RawImage;
}

/** Camera frames are rarely larger; a bigger photo is shrunk so plates keep their camera sizes. */
const MAX_SIDE = 1280;
/** Smaller pictures are crops or strips, not scenes a plate could be placed in. */
const MIN_WIDTH = 400;
const MIN_HEIGHT = 250;
const IMAGE = /\.(jpe?g|png)$/i;

export class NoSceneError extends Error {
  constructor(readonly dir: string) {
    super(`no scene photo of at least ${MIN_WIDTH}×${MIN_HEIGHT} px in ${dir}`);
    this.name = 'NoSceneError';
  }
}

/** The photos of `dir` (sorted by name, so a seed always picks the same one), decoded to RGB. */
export async function loadSceneBackgrounds(dir: string): Promise<readonly SceneBackground[]> {
  const files = readdirSync(dir)
    .filter((f) => IMAGE.test(f))
    .sort();
  const scenes: SceneBackground[] = [];
  for (const file of files) {
    const image = await decodeRgb(readFileSync(join(dir, file)), MAX_SIDE);
    if (image.width >= MIN_WIDTH && image.height >= MIN_HEIGHT) scenes.push({ file, image });
  }
  if (scenes.length === 0) throw new NoSceneError(dir);
  return scenes;
}
