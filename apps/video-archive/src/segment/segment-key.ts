import { objectKeyPrefix } from '@ecogate/storage';

export interface SegmentKeyParts {
  readonly enterpriseId: string;
  readonly siteId: string;
  readonly cameraId: string;
  readonly start: Date;
}

const CAMERA = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** `20261128T134900123Z`: the start instant in UTC, sortable, no dots or colons. */
export function compactInstant(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/**
 * `enterprise/site/yyyy/MM/dd/video/<camera>/<start>.ts`, date folders in UTC. Keyed by camera and
 * start (not content) so a clip for a time window is found by listing, and a retry overwrites.
 */
export function segmentKey(parts: SegmentKeyParts): string {
  if (!CAMERA.test(parts.cameraId)) {
    throw new Error(`Invalid camera id ${JSON.stringify(parts.cameraId)}: 1-64 letters, digits, _ or -`);
  }
  const prefix = objectKeyPrefix({
    enterpriseId: parts.enterpriseId,
    siteId: parts.siteId,
    date: parts.start,
  });
  return `${prefix}video/${parts.cameraId}/${compactInstant(parts.start)}.ts`;
}
