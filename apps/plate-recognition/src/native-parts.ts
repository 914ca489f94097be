import { createRequire } from 'node:module';
import { nativeModule, type NativePart, requireNativeParts } from '@ecogate/telemetry';

// plate-recognition's first import: onnxruntime and sharp (libvips) are loaded here, before anything
// else needs them, so an image without them ends the start at once, naming the part. The models
// come next: the workers load and verify them before the service listens (and `main.js --check`).
const load = createRequire(__filename);

export const PLATE_RECOGNITION_NATIVE_PARTS: readonly NativePart[] = [
  nativeModule(
    'onnxruntime-node',
    () => load('onnxruntime-node') as { env: { versions: { node: string } } },
    (ort) => `onnxruntime ${ort.env.versions.node}`,
  ),
  nativeModule(
    'sharp',
    () => load('sharp') as { versions: { vips: string } },
    (sharp) => `libvips ${sharp.versions.vips}`,
  ),
];

requireNativeParts('plate-recognition', PLATE_RECOGNITION_NATIVE_PARTS);
