import { type PayloadOf } from '@ecogate/contracts';
import { type VideoClipEntity } from './video-clip.entity';

/** The `video.clip.archived.v1` payload of a finished clip row (archived or missing). */
export function clipArchivedPayload(row: VideoClipEntity): PayloadOf<'video.clip.archived.v1'> {
  const identity = {
    clipId: row.id,
    enterpriseId: row.enterpriseId,
    siteId: row.siteId,
    passageId: row.passageId,
    direction: row.direction,
    cameraId: row.cameraId,
    capturedAt: row.capturedAt.toISOString(),
    requested: { from: row.requestedFrom.toISOString(), to: row.requestedTo.toISOString() },
    createdAt: (row.completedAt ?? row.createdAt).toISOString(),
  };
  if (
    row.status === 'archived' &&
    row.actualFrom &&
    row.actualTo &&
    row.bucket &&
    row.objectKey &&
    row.sha256 &&
    row.bytes !== null
  ) {
    return {
      ...identity,
      status: 'archived',
      cut: 'stream-copy',
      actual: { from: row.actualFrom.toISOString(), to: row.actualTo.toISOString() },
      clip: {
        bucket: row.bucket,
        key: row.objectKey,
        sha256: row.sha256,
        contentType: 'video/mp4',
        bytes: row.bytes,
      },
    };
  }
  if (row.status === 'missing') {
    return { ...identity, status: 'missing', reason: row.reason ?? 'no video' };
  }
  throw new Error(`clip ${row.id} is ${row.status}: nothing to announce yet`);
}
