import { createRequire } from 'node:module';
import { nativeModule, type NativePart, requireNativeParts } from '@ecogate/telemetry';

// The gateway's first import: its native addon is loaded here, before anything else needs it, so
// an image without it ends the start at once, naming it (also run by `main.js --check`).
const load = createRequire(__filename);

export const GATEWAY_NATIVE_PARTS: readonly NativePart[] = [
  // Password hashing (argon2id): a prebuilt binary per platform, an optional dependency of the package.
  nativeModule(
    '@node-rs/argon2',
    () => load('@node-rs/argon2'),
    () => `argon2id ready (${process.platform}-${process.arch})`,
  ),
];

requireNativeParts('gateway', GATEWAY_NATIVE_PARTS);
