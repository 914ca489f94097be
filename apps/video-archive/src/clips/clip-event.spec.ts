import { validatePayload } from '@ecogate/contracts';
import { clipArchivedPayload } from './clip-event';
import { VideoClipEntity } from './video-clip.entity';

const row = (overrides: Partial<VideoClipEntity>): VideoClipEntity =>
  Object.assign(new VideoClipEntity(), {
    id: '0b5e1c2a-7d4f-8a11-9b3c-2f6e8d0a1b2c',
    enterpriseId: 'ent-1',
    siteId: 'site-a',
    passageId: 'p-1',
    direction: 'in',
    cameraId: 'gate2-a',
    capturedAt: new Date('2026-11-28T06:05:20.000Z'),
    requestedFrom: new Date('2026-11-28T06:05:05.000Z'),
    requestedTo: new Date('2026-11-28T06:05:35.000Z'),
    status: 'pending',
    actualFrom: null,
    actualTo: null,
    bucket: null,
    objectKey: null,
    sha256: null,
    bytes: null,
    reason: null,
    createdAt: new Date('2026-11-28T06:05:21.000Z'),
    completedAt: null,
    ...overrides,
  });

describe('clipArchivedPayload', () => {
  it('announces an archived clip with its actual range and object, valid against the contract', () => {
    const payload = clipArchivedPayload(
      row({
        status: 'archived',
        actualFrom: new Date('2026-11-28T06:05:04.000Z'),
        actualTo: new Date('2026-11-28T06:05:35.000Z'),
        bucket: 'ecogate-video',
        objectKey: `ent-1/site-a/2026/11/28/clip/${'a'.repeat(64)}.mp4`,
        sha256: 'a'.repeat(64),
        bytes: 7_500_000,
        completedAt: new Date('2026-11-28T06:06:40.000Z'),
      }),
    );
    expect(validatePayload('video.clip.archived.v1', payload)).toMatchObject({
      status: 'archived',
      cut: 'stream-copy',
      actual: { from: '2026-11-28T06:05:04.000Z', to: '2026-11-28T06:05:35.000Z' },
      clip: { contentType: 'video/mp4', bytes: 7_500_000 },
      createdAt: '2026-11-28T06:06:40.000Z',
    });
  });

  it('announces a missing clip with its reason', () => {
    const payload = clipArchivedPayload(row({ status: 'missing', reason: 'no video of camera gate2-a' }));
    expect(validatePayload('video.clip.archived.v1', payload)).toMatchObject({
      status: 'missing',
      reason: 'no video of camera gate2-a',
    });
  });

  it('refuses to announce a clip that is still pending', () => {
    expect(() => clipArchivedPayload(row({}))).toThrow(/is pending/);
  });
});
