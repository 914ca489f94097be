import { createHash } from 'node:crypto';

/** A UUID-shaped id derived from its parts, so a redelivery or a retry always yields the same id. */
export function stableUuid(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Version 8 (custom) and the RFC 9562 variant, so the value is a valid UUID.
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const clipIdOf = (
  enterpriseId: string,
  passageId: string,
  direction: string,
  cameraId: string,
): string => stableUuid('video-clip', enterpriseId, passageId, direction, cameraId);

/** The event id of a clip's `video.clip.archived.v1`: re-announcing after a crash repeats it. */
export const clipEventIdOf = (clipId: string): string => stableUuid('video-clip-archived', clipId);
