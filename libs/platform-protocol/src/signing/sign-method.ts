import { z } from 'zod';

/** Signature algorithms a platform may require; the client names the one it used in `X-Sign-Method`. */
export const SIGN_METHODS = ['HMAC-SHA256', 'MD5', 'SM3'] as const;
export type SignMethod = (typeof SIGN_METHODS)[number];

export const signMethodSchema = z.enum(SIGN_METHODS, { error: `must be one of ${SIGN_METHODS.join(', ')}` });

export const isSignMethod = (value: unknown): value is SignMethod =>
  typeof value === 'string' && (SIGN_METHODS as readonly string[]).includes(value);
