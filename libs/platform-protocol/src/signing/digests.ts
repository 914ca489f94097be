import { createHash, createHmac } from 'node:crypto';
import { sm3Hex } from './sm3';

// Hex digests used by the signature methods; strings are hashed as UTF-8.

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

export const md5Hex = (data: string | Uint8Array): string => createHash('md5').update(data).digest('hex');

export const hmacSha256Hex = (key: string, data: string | Uint8Array): string =>
  createHmac('sha256', key).update(data).digest('hex');

export { sm3Hex };
