import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The real photos shared by the team (`../shared/samples/plates` next to the repository); override with ECOGATE_SAMPLES_DIR. */
export function samplesDir(): string {
  return process.env['ECOGATE_SAMPLES_DIR'] ?? resolve(__dirname, '../../../../shared/samples/plates');
}

/** The plate crop photographed for `plate`, else the first crop (sorted), so any plate text works. */
export function plateCropPhoto(plate: string): Buffer {
  const dir = join(samplesDir(), 'crops');
  const exact = join(dir, `${plate}.jpg`);
  if (existsSync(exact)) return readFileSync(exact);
  const first = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort()[0];
  if (!first) throw new Error(`no plate crops in ${dir}`);
  return readFileSync(join(dir, first));
}

// Small JPEG scenes (< 100 kB) that fit a camera's typical 170 kB post.
const SCENES = [
  'we_1.jpg',
  'we_8.jpg',
  'we_9.jpg',
  'we_14.jpg',
  'we_15.jpg',
  'we_16.jpg',
  'shi_lin_guan.jpg',
];

/** A whole-vehicle photo; `index` picks one deterministically. */
export function scenePhoto(index = 0): Buffer {
  const name = SCENES[Math.abs(index) % SCENES.length] ?? 'we_1.jpg';
  return readFileSync(join(samplesDir(), 'scene', name));
}
