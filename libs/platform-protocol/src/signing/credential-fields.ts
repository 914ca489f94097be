import { z } from 'zod';

// The signed values are joined as `key=value&…` without escaping, so their alphabets exclude `&`
// and `=`: a canonical string can then be read back in exactly one way.

export const APP_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
/** Milliseconds since the Unix epoch, 13 decimal digits (years 2001 to 2286). */
export const TIMESTAMP_PATTERN = /^\d{13}$/;

export const appIdSchema = z.string().regex(APP_ID_PATTERN, 'must be 1-64 letters, digits, _, . or -');
export const nonceSchema = z.string().regex(NONCE_PATTERN, 'must be 8-64 letters, digits, _ or -');
export const timestampSchema = z
  .string()
  .regex(TIMESTAMP_PATTERN, 'must be 13 digits (milliseconds since the epoch)');
/** The longest signature is a 64-digit hex digest (HMAC-SHA256, SM3). */
export const signatureSchema = z.string().regex(/^[0-9A-Fa-f]{32,64}$/, 'must be 32-64 hex digits');
