import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type EventEnvelope, type TopicName, validatePayload } from '@ecogate/contracts';
import { type PlateRead, type RecognitionResult } from '@ecogate/lpr';
import { type EventPublisher, FatalError, type PublishRequest, RetriableError } from '@ecogate/messaging';
import { type ObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { LoadingAreaFrameReader, sightingId } from './loading-area-frame-reader';
import { type SceneReader } from './snapshot-reader';

const IMAGE = Buffer.from('a loading-area frame');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const FRAME_KEY = `ent-1/site-1/2026/12/08/loading-area/${sha(IMAGE)}.jpg`;

const frame = (): EventEnvelope<'loading-area.snapshot.captured.v1'> => ({
  eventId: '3c1d5a9e-2b7f-4e0a-8c6d-1f2e3a4b5c6d',
  type: 'loading-area.snapshot.captured.v1',
  version: 1,
  occurredAt: '2026-12-07T16:30:00.000Z',
  enterpriseId: 'ent-1',
  correlationId: 'corr-1',
  payload: {
    captureId: 'cap-1',
    cameraId: 'yard-1',
    area: { enterpriseId: 'ent-1', siteId: 'site-1' },
    // 16:30Z is already the 8th in Beijing: the crop follows the frame's day folder.
    capturedAt: '2026-12-07T16:30:00.000Z',
    trigger: 'schedule',
    image: {
      bucket: 'captures',
      key: FRAME_KEY,
      sha256: sha(IMAGE),
      contentType: 'image/jpeg',
      bytes: IMAGE.length,
    },
  },
});

const plate = (text: string, verdict: PlateRead['verdict']) =>
  ({
    text,
    verdict,
    reviewReasons: [],
    colour: 'yellow',
    confidence: 0.91,
    box: { x: 10, y: 20, width: 120, height: 40 },
    cropJpeg: Buffer.from(`crop ${text}`),
  }) as unknown as PlateRead;

function harness(result: RecognitionResult) {
  const puts: { key: string }[] = [];
  const published: { topic: TopicName; request: PublishRequest<'loading-area.vehicle.seen.v1'> }[] = [];
  const storage = {
    get: async () => Readable.from([IMAGE]),
    put: async (_bucket: string, key: string) => {
      puts.push({ key });
      return { etag: 'e', versionId: null };
    },
  } as unknown as ObjectStorage;
  const reader: SceneReader = { read: async () => result };
  const publisher = {
    publish: async (topic: TopicName, request: PublishRequest<'loading-area.vehicle.seen.v1'>) => {
      validatePayload(topic, request.payload);
      published.push({ topic, request });
      return { eventId: request.eventId };
    },
  } as unknown as EventPublisher;
  const handler = new LoadingAreaFrameReader(
    storage,
    reader,
    publisher,
    createLogger({ service: 't', level: 'silent' }),
    {
      maxImageBytes: 1024,
    },
  );
  return { handler, puts, published };
}

const image = { format: 'jpeg', width: 10, height: 10 } as never;
const timings = {} as never;

describe('LoadingAreaFrameReader', () => {
  it('publishes one sighting per plate, never a lane read, with the frame, crop and box', async () => {
    const { handler, puts, published } = harness({
      kind: 'plates',
      image,
      timings,
      plates: [plate('冀A12345', 'trusted'), plate('冀B2', 'needs-review')],
    });
    await expect(handler.handle(frame())).resolves.toEqual({
      kind: 'published',
      eventIds: [sightingId('cap-1', 0), sightingId('cap-1', 1)],
    });
    expect(published.map(({ topic }) => topic)).toEqual([
      'loading-area.vehicle.seen.v1',
      'loading-area.vehicle.seen.v1',
    ]);
    expect(puts[0]!.key).toBe(`ent-1/site-1/2026/12/08/plate/${sha(Buffer.from('crop 冀A12345'))}.jpg`);
    expect(published[0]!.request).toMatchObject({
      enterpriseId: 'ent-1',
      key: 'ent-1/yard-1',
      eventId: sightingId('cap-1', 0),
      correlationId: 'corr-1',
      payload: {
        sightingId: sightingId('cap-1', 0),
        cameraId: 'yard-1',
        area: { enterpriseId: 'ent-1', siteId: 'site-1' },
        at: '2026-12-07T16:30:00.000Z',
        plate: { text: '冀A12345', colour: 'yellow', confidence: 0.91 },
        verdict: 'trusted',
        frame: { key: FRAME_KEY },
        crop: { key: puts[0]!.key },
        cropBox: { x: 10, y: 20, width: 120, height: 40 },
      },
    });
    expect(published[1]!.request.payload.verdict).toBe('needs-review');
  });

  it('derives the sighting ids from the capture and the plate index', () => {
    expect(sightingId('cap-1', 0)).toBe(sightingId('cap-1', 0));
    expect(sightingId('cap-1', 0)).not.toBe(sightingId('cap-1', 1));
    expect(sightingId('cap-1', 0)).not.toBe(sightingId('cap-2', 0));
  });

  it('publishes nothing for a frame without a plate', async () => {
    const { handler, published } = harness({ kind: 'no-plate', image, timings });
    await expect(handler.handle(frame())).resolves.toEqual({ kind: 'no-plate' });
    expect(published).toHaveLength(0);
  });

  it('retries a busy recogniser and dead-letters an unreadable frame', async () => {
    await expect(
      harness({ kind: 'overloaded', queueLimit: 1 }).handler.handle(frame()),
    ).rejects.toBeInstanceOf(RetriableError);
    await expect(
      harness({
        kind: 'unreadable-image',
        reason: 'corrupt',
        message: 'no',
      } as RecognitionResult).handler.handle(frame()),
    ).rejects.toBeInstanceOf(FatalError);
  });
});
