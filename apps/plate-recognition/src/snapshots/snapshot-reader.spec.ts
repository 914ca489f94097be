import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type EventEnvelope, validatePayload } from '@ecogate/contracts';
import { KnownPlates } from '@ecogate/domain';
import { type PlateRead, type RecognitionResult, type SiteKnowledge } from '@ecogate/lpr';
import { plateCandidate, readerOver } from '@ecogate/lpr/testing';
import { type EventPublisher, FatalError, type PublishRequest, RetriableError } from '@ecogate/messaging';
import { ObjectNotFoundError, type ObjectStorage, StorageUnavailableError } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { KnownPlatesCache } from '../known-plates/known-plates-cache';
import { SiteKnowledgeFrom } from '../known-plates/site-knowledge';
import { serverPlateReadId, uuidV5 } from './plate-read-ids';
import { type SceneReader, type SiteKnowledgeSource, SnapshotReader } from './snapshot-reader';

const IMAGE = Buffer.from('a scene photo');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const SNAPSHOT_KEY = `ent-1/site-1/2026/03/04/scene/${sha(IMAGE)}.jpg`;

const snapshot = (
  image: Partial<{ sha256: string; bytes: number }> = {},
): EventEnvelope<'camera.snapshot.captured.v1'> => ({
  eventId: '0b6c4c2e-0f7c-4c39-9d2f-3f1f4c7e8a10',
  type: 'camera.snapshot.captured.v1',
  version: 1,
  occurredAt: '2026-03-03T23:30:00.000Z',
  enterpriseId: 'ent-1',
  correlationId: 'corr-1',
  payload: {
    captureId: 'cap-1',
    cameraId: 'cam-1',
    lane: { enterpriseId: 'ent-1', siteId: 'site-1', gateId: 'gate-1', laneId: 'lane-1', direction: 'in' },
    // 23:30Z is already the 4th in the site's zone: the crop follows the snapshot's day folder.
    capturedAt: '2026-03-03T23:30:00.000Z',
    trigger: 'ground-loop',
    image: {
      bucket: 'captures',
      key: SNAPSHOT_KEY,
      sha256: image.sha256 ?? sha(IMAGE),
      contentType: 'image/jpeg',
      bytes: image.bytes ?? IMAGE.length,
    },
  },
});

const plate = (text: string, verdict: PlateRead['verdict'], reviewReasons: PlateRead['reviewReasons'] = []) =>
  ({
    text,
    verdict,
    reviewReasons,
    colour: 'blue',
    confidence: 0.93,
    cropJpeg: Buffer.from(`crop ${text}`),
  }) as unknown as PlateRead;

function harness(
  result: RecognitionResult | SceneReader,
  storageOverrides: Partial<ObjectStorage> = {},
  sites?: SiteKnowledgeSource,
) {
  const reads: unknown[][] = [];
  const puts: { bucket: string; key: string; body: Buffer }[] = [];
  const published: PublishRequest<'anpr.plate.read.v1'>[] = [];
  const storage = {
    get: async () => Readable.from([IMAGE]),
    put: async (bucket: string, key: string, body: Buffer) => {
      puts.push({ bucket, key, body });
      return { etag: 'e', versionId: null };
    },
    ...storageOverrides,
  } as unknown as ObjectStorage;
  const reader: SceneReader = {
    read: async (...args) => {
      reads.push(args);
      return 'read' in result ? result.read(...args) : result;
    },
  };
  const publisher = {
    publish: async (topic: string, request: PublishRequest<'anpr.plate.read.v1'>) => {
      validatePayload('anpr.plate.read.v1', request.payload);
      published.push(request);
      return { eventId: request.eventId };
    },
  } as unknown as EventPublisher;
  const handler = new SnapshotReader(
    storage,
    reader,
    publisher,
    createLogger({ service: 't', level: 'silent' }),
    {
      maxImageBytes: 1024,
    },
    sites,
  );
  return { handler, puts, published, reads };
}

const image = { format: 'jpeg', width: 10, height: 10 } as never;
const timings = {} as never;

describe('SnapshotReader', () => {
  it('publishes one valid server read per plate, with its crop stored beside the snapshot', async () => {
    const { handler, puts, published } = harness({
      kind: 'plates',
      image,
      timings,
      plates: [plate('京EA5331', 'trusted'), plate('京A1234', 'needs-review', ['invalid-format'])],
    });
    const outcome = await handler.handle(snapshot());
    expect(outcome).toEqual({
      kind: 'published',
      eventIds: [serverPlateReadId('cap-1', 0), serverPlateReadId('cap-1', 1)],
    });
    expect(puts[0]).toMatchObject({
      bucket: 'captures',
      key: `ent-1/site-1/2026/03/04/plate/${sha(Buffer.from('crop 京EA5331'))}.jpg`,
    });
    expect(published[0]).toMatchObject({
      enterpriseId: 'ent-1',
      key: 'ent-1/lane-1',
      eventId: serverPlateReadId('cap-1', 0),
      correlationId: 'corr-1',
      payload: {
        readId: serverPlateReadId('cap-1', 0),
        captureId: 'cap-1',
        source: 'server',
        plate: { text: '京EA5331', colour: 'blue', confidence: 0.93 },
        verdict: 'trusted',
        reviewReasons: [],
        images: { scene: { key: SNAPSHOT_KEY }, plate: { key: puts[0]!.key, bytes: puts[0]!.body.length } },
      },
    });
    expect(published[1]!.payload).toMatchObject({
      verdict: 'needs-review',
      reviewReasons: ['invalid-format'],
    });
  });

  it("reads with the lane's site knowledge and publishes a corrected read's raw text and how it was settled", async () => {
    const site: SiteKnowledge = { known: new KnownPlates(['冀B12345']), provincePrior: '冀' };
    const asked: string[] = [];
    const corrected = {
      ...plate('冀B12345', 'trusted'),
      rawText: '冀B12845',
      settledBy: 'registry-corrected',
    } as PlateRead;
    const { handler, published, reads } = harness(
      { kind: 'plates', image, timings, plates: [corrected, plate('冀B55555', 'trusted')] },
      {},
      {
        forSite: async (enterpriseId, siteId) => {
          asked.push(`${enterpriseId}/${siteId}`);
          return site;
        },
      },
    );
    await handler.handle(snapshot());
    expect(asked).toEqual(['ent-1/site-1']);
    expect(reads).toEqual([[IMAGE, 'scene', site]]);
    expect(published.map((p) => p.payload.plate)).toEqual([
      {
        text: '冀B12345',
        colour: 'blue',
        confidence: 0.93,
        rawText: '冀B12845',
        settledBy: 'registry-corrected',
      },
      { text: '冀B55555', colour: 'blue', confidence: 0.93 },
    ]);
  });

  it('reads as before when the site knows nothing (no source, or no list in time)', async () => {
    const result: RecognitionResult = {
      kind: 'plates',
      image,
      timings,
      plates: [plate('冀B12345', 'trusted')],
    };
    const without = harness(result);
    await without.handler.handle(snapshot());
    const unknown = harness(result, {}, { forSite: async () => undefined });
    await unknown.handler.handle(snapshot());
    expect(without.reads).toEqual([[IMAGE, 'scene']]);
    expect(unknown.reads).toEqual([[IMAGE, 'scene']]);
    expect(unknown.published[0]!.payload.plate).toEqual({
      text: '冀B12345',
      colour: 'blue',
      confidence: 0.93,
    });
  });

  it('with the real PlateReader: a lane read one doubtful character from a registered plate is published as it, trusted', async () => {
    // The recogniser read 冀A12346, its last character unsure; the ledger knows 冀A12345 at this site.
    const reader = readerOver([plateCandidate({ text: '冀A12346', confidences: [1, 1, 1, 1, 1, 1, 0.5] })]);
    const ledger = { fetch: async () => ['冀A12345', '冀B67890'] };
    const cache = new KnownPlatesCache(
      ledger,
      { ttlMs: 60_000, waitMs: 200, retryMs: 1_000, maxSites: 10, maxPlates: 1_000 },
      createLogger({ service: 't', level: 'silent' }),
    );
    const known = harness(reader, {}, new SiteKnowledgeFrom(cache, '冀'));
    await known.handler.handle(snapshot());
    expect(known.published[0]!.payload).toMatchObject({
      plate: { text: '冀A12345', rawText: '冀A12346', settledBy: 'registry-corrected', confidence: 0.5 },
      verdict: 'trusted',
      reviewReasons: [],
    });
    // Without the site's list (no ledger), the same read waits for a person, as before.
    const unknown = harness(reader, {}, new SiteKnowledgeFrom(undefined, '冀'));
    await unknown.handler.handle(snapshot());
    expect(unknown.published[0]!.payload).toMatchObject({
      plate: { text: '冀A12346', confidence: 0.5 },
      verdict: 'needs-review',
      reviewReasons: ['low-confidence'],
    });
    expect(unknown.published[0]!.payload.plate).not.toHaveProperty('settledBy');
  });

  it('derives stable UUIDv5 ids per capture and plate index', () => {
    expect(serverPlateReadId('cap-1', 0)).toBe(serverPlateReadId('cap-1', 0));
    expect(serverPlateReadId('cap-1', 0)).not.toBe(serverPlateReadId('cap-1', 1));
    expect(serverPlateReadId('cap-1', 0)).not.toBe(serverPlateReadId('cap-2', 0));
    expect(uuidV5('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('publishes nothing for a plate-less snapshot', async () => {
    const { handler, published } = harness({ kind: 'no-plate', image, timings });
    await expect(handler.handle(snapshot())).resolves.toEqual({ kind: 'no-plate' });
    expect(published).toHaveLength(0);
  });

  it.each<[string, RecognitionResult, string]>([
    ['overloaded', { kind: 'overloaded', queueLimit: 2 }, 'recogniser-overloaded'],
    ['timed-out', { kind: 'timed-out', timeoutMs: 5000 }, 'recognition-timed-out'],
    ['failed', { kind: 'failed', message: 'worker died' }, 'recognition-failed'],
  ])('retries when recognition is %s', async (_, result, code) => {
    await expect(harness(result).handler.handle(snapshot())).rejects.toEqual(
      expect.objectContaining({ code, retriable: true }),
    );
  });

  it('dead-letters an unreadable image with the reason', async () => {
    const { handler } = harness({ kind: 'unreadable-image', reason: 'truncated', message: 'premature end' });
    const error = await handler.handle(snapshot()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect(error).toMatchObject({ code: 'unreadable-image', message: expect.stringContaining('truncated') });
  });

  it('dead-letters a snapshot whose bytes do not match the sha256', async () => {
    const { handler } = harness({ kind: 'no-plate', image, timings });
    const error = await handler.handle(snapshot({ sha256: 'a'.repeat(64) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect(error).toMatchObject({ code: 'snapshot-sha256-mismatch' });
  });

  it('dead-letters missing and oversized snapshots, retries when storage is down', async () => {
    const missing = harness(
      { kind: 'no-plate', image, timings },
      {
        get: () => Promise.reject(new ObjectNotFoundError('captures', SNAPSHOT_KEY)),
      },
    );
    await expect(missing.handler.handle(snapshot())).rejects.toMatchObject({
      code: 'snapshot-not-found',
      retriable: false,
    });
    const big = harness({ kind: 'no-plate', image, timings });
    await expect(big.handler.handle(snapshot({ bytes: 4096 }))).rejects.toMatchObject({
      code: 'snapshot-too-large',
    });
    const down = harness(
      { kind: 'plates', image, timings, plates: [plate('京EA5331', 'trusted')] },
      {
        put: () => Promise.reject(new StorageUnavailableError('connection refused')),
      },
    );
    const error = await down.handler.handle(snapshot()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriableError);
    expect(error).toMatchObject({ code: 'storage-unavailable' });
  });
});
