import { randomBytes } from 'node:crypto';
import { type SigningParts } from './canonical-string';
import { sign } from './sign';
import { type SignMethod } from './sign-method';

/** HTTP header names (lower case, as Node exposes them) that carry the credentials. */
export const SIGNATURE_HEADERS = {
  appId: 'x-app-id',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
  signMethod: 'x-sign-method',
} as const;

export interface SignRequestInput {
  appId: string;
  secret: string;
  method: SignMethod;
  /** The exact body that will be sent. */
  body: string | Uint8Array;
  /** Milliseconds since the epoch; the caller passes its clock so tests stay deterministic. */
  nowMs: number;
  /** A fresh random nonce unless given. */
  nonce?: string;
}

/** A random nonce: 16 bytes as 32 hex digits. */
export const newNonce = (): string => randomBytes(16).toString('hex');

export const signingParts = (input: SignRequestInput): SigningParts => ({
  appId: input.appId,
  timestamp: String(input.nowMs),
  nonce: input.nonce ?? newNonce(),
  body: input.body,
});

/** The five signature headers for one HTTP request. */
export function signRequestHeaders(input: SignRequestInput): Record<string, string> {
  const parts = signingParts(input);
  return {
    [SIGNATURE_HEADERS.appId]: parts.appId,
    [SIGNATURE_HEADERS.timestamp]: parts.timestamp,
    [SIGNATURE_HEADERS.nonce]: parts.nonce,
    [SIGNATURE_HEADERS.signMethod]: input.method,
    [SIGNATURE_HEADERS.signature]: sign(input.method, input.secret, parts),
  };
}
