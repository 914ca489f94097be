import { createHash } from 'node:crypto';

// Fixed namespace of Ecogate's name-based ids: changing it would change every derived event id.
const NAMESPACE = Buffer.from('6f1f3c52b7a94c0e9d1e2a4b8c7d5e60', 'hex');

/**
 * RFC 9562 UUIDv5 (SHA-1, name-based): the same vendor idempotency key always gives the same
 * event id, so a re-pushed capture is the same event for every consumer.
 */
export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface CaptureIds {
  readonly captureId: string;
  readonly plateReadEventId: string;
  readonly snapshotEventId: string;
}

/** Every id of one capture, derived from the device and the vendor's idempotency key. */
export function captureIds(vendor: string, deviceId: string, idempotencyKey: string): CaptureIds {
  const capture = `${vendor}|${deviceId}|${idempotencyKey}`;
  return {
    captureId: uuidV5(`capture|${capture}`),
    plateReadEventId: uuidV5(`anpr.plate.read.v1|${capture}`),
    snapshotEventId: uuidV5(`camera.snapshot.captured.v1|${capture}`),
  };
}
