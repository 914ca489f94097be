import { createHash } from 'node:crypto';

// Fixed namespace of the server reads' name-based ids: changing it would change every derived id.
const NAMESPACE = Buffer.from('2b8f0f6e4a1d4f3b9c5e7a0d1e6c3b92', 'hex');

/** RFC 9562 UUIDv5 (SHA-1, name-based) in `NAMESPACE`. */
export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The event id (and `readId`) of the server's read of plate `index` of a capture: a redelivered
 * snapshot republishes the same ids, so consumers see one read, however often it is published.
 */
export const serverPlateReadId = (captureId: string, index: number): string =>
  uuidV5(`anpr.plate.read.v1|server|${captureId}|${index}`);
