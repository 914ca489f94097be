import { z } from 'zod';
import { parsePlatformDate, parsePlatformDateTime } from '../format/platform-time';

// Field shapes of the 2020 ledger guide (widths counted in characters, so one Chinese character
// counts as one), with messages that say what was expected.

const CONTROL_CHARACTERS = /\p{Cc}/u;

/** Free text of 1..max characters: not blank, no control characters. */
export const text = (max: number) =>
  z.string().check(
    z.refine((v) => v.trim().length > 0, 'must not be blank'),
    z.refine((v) => [...v].length <= max, `must be at most ${max} characters`),
    z.refine((v) => !CONTROL_CHARACTERS.test(v), 'must not contain control characters'),
  );

/** `yyyyMMdd HHmmss`, China Standard Time, a real calendar date. */
export const platformDateTimeSchema = z
  .string()
  .refine((v) => parsePlatformDateTime(v) !== undefined, 'must be a valid time as yyyyMMdd HHmmss');

/** `yyyyMMdd`, a real calendar date. */
export const platformDateSchema = z
  .string()
  .refine((v) => parsePlatformDate(v) !== undefined, 'must be a valid date as yyyyMMdd');

/** Plate text as read (Chinese province character included): up to 10 characters, no spaces. */
export const plateSchema = z
  .string()
  .regex(/^\S+$/u, 'must be 1-10 characters without spaces')
  .refine((v) => [...v].length <= 10, 'must be 1-10 characters without spaces');

/** GA/T 16 plate colour codes (`hpys`): 0 white, 1 yellow, 2 blue, 3 black, 4 green, 5 unrecognised, 9 other. */
export const PLATE_COLOUR_CODES = ['0', '1', '2', '3', '4', '5', '9'] as const;
export type PlateColourCode = (typeof PLATE_COLOUR_CODES)[number];
export const plateColourSchema = z.enum(PLATE_COLOUR_CODES, {
  error: `must be a GA/T 16 colour code (${PLATE_COLOUR_CODES.join(', ')})`,
});

/** ISO 3779 alphabet (no I, O, Q). The check digit is not enforced: many Chinese VINs fail it. */
export const vinSchema = z
  .string()
  .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'must be 17 characters of A-H, J-N, P, R-Z, 0-9');

/** Emission stage, one character: `0`-`6` for China 0-6 and `D` for electric. */
export const ROAD_STAGE_CODES = ['0', '1', '2', '3', '4', '5', '6', 'D'] as const;
export const roadStageSchema = z.enum(ROAD_STAGE_CODES, { error: 'must be one of 0-6 or D (electric)' });

/** Non-road machinery adds `X` for "no stage" (machines made before stage rules applied). */
export const NRMM_STAGE_CODES = [...ROAD_STAGE_CODES, 'X'] as const;
export const nrmmStageSchema = z.enum(NRMM_STAGE_CODES, {
  error: 'must be one of 0-6, D (electric) or X (none)',
});

/** Quantity in tonnes as numeric(4,1): 0 to 999.9 with at most one decimal. */
export const tonnesSchema = z
  .number({ error: 'must be a number of tonnes' })
  .min(0, 'must be at least 0')
  .max(999.9, 'must be at most 999.9 (numeric 4,1)')
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-6, 'must have at most one decimal');

/** 150 kB per embedded image, counted on the decoded bytes (150 × 1024). */
export const MAX_IMAGE_BYTES = 150 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const decodedLength = (b64: string): number =>
  (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

function imageProblem(value: string): string | undefined {
  if (/^https?:\/\//i.test(value)) {
    if (value.length > 1024) return 'must be a URL of at most 1024 characters';
    return URL.canParse(value) ? undefined : 'must be a valid http(s) URL';
  }
  if (value.length === 0) return 'must be base64 image data or an http(s) URL';
  if (value.length % 4 !== 0 || !BASE64.test(value)) {
    return 'must be standard base64 (no data: prefix, no line breaks) or an http(s) URL';
  }
  const bytes = decodedLength(value);
  return bytes > MAX_IMAGE_BYTES
    ? `must be at most ${MAX_IMAGE_BYTES} bytes once decoded (got ${bytes})`
    : undefined;
}

/** An image: base64 (JPEG expected) of at most 150 kB decoded, or an http(s) URL the platform fetches. */
export const imageSchema = z.string({ error: 'must be base64 image data or an http(s) URL' }).check((ctx) => {
  const problem = imageProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
});
