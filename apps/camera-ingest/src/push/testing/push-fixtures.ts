import { samplesDir } from '@ecogate/camera-simulator';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AnprPush, type PushLimits } from '../anpr-push.adapter';
import { plateVerdict } from '../plate-verdict';

export const FIXTURES = resolve(__dirname, '../../../fixtures');
export const TEST_LIMITS: PushLimits = { maxImageBytes: 256 * 1024, maxTextBytes: 64 * 1024 };

/** A buffer with a JPEG signature, just over the test image cap. */
export const oversizedJpeg = (): Buffer => {
  const bytes = Buffer.alloc(TEST_LIMITS.maxImageBytes + 1024, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
};

/** A photo under `../shared/samples/plates`, or a generated one for `@oversized`. */
export function photo(ref: string): Buffer {
  return ref === '@oversized' ? oversizedJpeg() : readFileSync(join(samplesDir(), ref));
}

export interface OkCase {
  readonly expect: Record<string, unknown>;
}

export function readCases<T>(vendor: string, kind: 'ok' | 'not-ok'): [string, T][] {
  const cases = JSON.parse(readFileSync(join(FIXTURES, vendor, kind, 'cases.json'), 'utf8')) as Record<
    string,
    T
  >;
  return Object.entries(cases).filter(([name]) => !name.startsWith('_'));
}

/** The parsed push and its verdict, flattened to compare with a case's `expect` (only the keys it names). */
export function summarise(push: AnprPush): Record<string, unknown> {
  const verdict = plateVerdict(push);
  return {
    idempotencyKey: push.idempotencyKey,
    capturedAt: push.capturedAt.toISOString(),
    plateText: push.plateText,
    colour: verdict.colour,
    rawColour: push.colour.raw,
    confidence: push.confidence,
    offline: push.offline,
    verdict: verdict.verdict,
    reviewReasons: verdict.reviewReasons,
    // `field=raw: rule`, compact enough to read in a golden case.
    anomalies: (push.anomalies ?? []).map((a) => `${a.field}=${a.raw}: ${a.rule}`),
  };
}

export function pick(actual: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, actual[key]]));
}

/** A JSON fixture with its `"@photo:<path>"` / `"@oversized"` image fields replaced by base64. */
export function jsonFixtureBody(vendor: string, dir: 'ok' | 'not-ok', file: string): Buffer {
  const text = readFileSync(join(FIXTURES, vendor, dir, file), 'utf8');
  return Buffer.from(
    text.replace(/"@(photo:([^"]+)|oversized)"/g, (_m, _all: string, path?: string) =>
      JSON.stringify(photo(path ?? '@oversized').toString('base64')),
    ),
  );
}
