import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultModelDir } from '../lpr.config';

// The shared models and samples sit beside the repository (../shared), here and in CI.
export const MODEL_DIR = defaultModelDir();
export const SAMPLES_DIR = join(MODEL_DIR, '..', 'samples', 'plates');

export const sceneBytes = (file: string): Buffer => readFileSync(join(SAMPLES_DIR, 'scene', file));
export const cropBytes = (file: string): Buffer => readFileSync(join(SAMPLES_DIR, 'crops', file));
