import { RecordingPublisher } from '../testing/recording-publisher';
import { type ObjectRef, topicMap } from '@ecogate/contracts';
import { normaliseVendorColour, normaliseVendorPlateType } from '@ecogate/domain';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { type CaptureStore } from '../capture/capture-store';
import { LoadingAreaSnapshots, loadingAreaFrameIds } from '../loading-area/loading-area-snapshots';
import { type PushDevice } from '../registry/registry.repository';
import { type AnprPush } from './anpr-push.adapter';
import { captureIds } from './event-ids';
import { IngestException } from './ingest.exception';
import { LoadingAreaPushService, pushFrameKey } from './loading-area-push.service';
import { FakeReceipts } from '../receipts/testing/fake-push-receipts';

const camera: PushDevice = {
  id: 'yard-hik-1',
  enterpriseId: parseEnterpriseId('ent-1'),
  vendor: 'hikvision',
  kind: 'loading-area-camera',
  enabled: true,
  allowedSources: ['127.0.0.1'],
  pushSecretSha256: null,
  site: { siteId: 'site-1', timeZone: 'Asia/Shanghai' },
  lane: null,
};

const scene = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1]);
const crop = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 2]);

const push: AnprPush = {
  vendor: 'hikvision',
  idempotencyKey: 'uuid-1|7',
  capturedAt: new Date('2026-12-07T08:00:00Z'),
  // What the camera claims to have read: never published for a loading area.
  plateText: '鲁L88888',
  colour: normaliseVendorColour('hikvision', 'blue'),
  plateType: normaliseVendorPlateType('hikvision', '92TypeCivil'),
  confidence: 0.99,
  offline: false,
  images: {
    scene: { bytes: scene, contentType: 'image/jpeg' },
    plate: { bytes: crop, contentType: 'image/jpeg' },
  },
  raw: { bytes: Buffer.from('<EventNotificationAlert/>'), contentType: 'application/xml', ext: 'xml' },
};

function harness() {
  const receipts = new FakeReceipts();
  const publisher = new RecordingPublisher();
  /** Every object stored: its folder kind, bytes and date; `failNext` makes the next store throw. */
  const stored: { kind: string; bytes: Buffer; at: Date }[] = [];
  let failNext = false;
  const captures = {
    store: async (_camera: unknown, at: Date, kind: string, bytes: Buffer): Promise<ObjectRef> => {
      if (failNext) {
        failNext = false;
        throw new Error('MinIO unavailable');
      }
      stored.push({ kind, bytes, at });
      return {
        bucket: 'captures',
        key: `ent-1/site-1/2026-12-07/${kind}/x.jpg`,
        sha256: 'a'.repeat(64),
        contentType: 'image/jpeg',
        bytes: bytes.length,
      };
    },
  } as unknown as CaptureStore;
  const service = new LoadingAreaPushService(
    receipts,
    new LoadingAreaSnapshots(captures, publisher),
    createLogger({ service: 'loading-area-push-spec', level: 'fatal' }),
    { inFlightWaitMs: 100 },
  );
  return { service, receipts, publisher, stored, failNextStore: () => (failNext = true) };
}

describe('LoadingAreaPushService', () => {
  it('publishes the scene as one loading-area frame (site, no lane, no plate) and never opens a barrier', async () => {
    const { service, publisher, stored } = harness();
    await expect(service.ingest(camera, push)).resolves.toEqual({ kind: 'accepted', openBarrier: false });

    expect(stored).toEqual([{ kind: 'loading-area', bytes: scene, at: push.capturedAt }]);
    expect(publisher.published.map((p) => p.topic)).toEqual(['loading-area.snapshot.captured.v1']);
    const { request } = publisher.published[0]!;
    const ids = loadingAreaFrameIds(camera.id, 'push|hikvision|uuid-1|7');
    expect(request).toMatchObject({ eventId: ids.eventId, key: 'ent-1/yard-hik-1' });
    const payload = topicMap['loading-area.snapshot.captured.v1'].parse(request.payload);
    expect(payload).toEqual({
      captureId: ids.captureId,
      cameraId: camera.id,
      area: { enterpriseId: 'ent-1', siteId: 'site-1' },
      capturedAt: '2026-12-07T08:00:00.000Z',
      trigger: 'motion',
      image: expect.objectContaining({ key: 'ent-1/site-1/2026-12-07/loading-area/x.jpg' }),
    });
    // The camera's own read goes nowhere an event would carry it.
    expect(JSON.stringify(request)).not.toContain('鲁L88888');
    // Not the ids a lane push of the same capture would have.
    const lane = captureIds('hikvision', camera.id, push.idempotencyKey);
    expect([lane.captureId, lane.snapshotEventId]).not.toContain(ids.captureId);
    expect([lane.plateReadEventId, lane.snapshotEventId]).not.toContain(ids.eventId);
  });

  it('answers a re-push duplicate and publishes nothing more', async () => {
    const { service, publisher, stored } = harness();
    await service.ingest(camera, push);
    await expect(service.ingest(camera, push)).resolves.toEqual({ kind: 'duplicate', openBarrier: false });
    expect(publisher.published).toHaveLength(1);
    expect(stored).toHaveLength(1);
  });

  it('takes the plate crop as the frame when the camera sent no scene', async () => {
    const { service, stored } = harness();
    await service.ingest(camera, { ...push, images: { plate: { bytes: crop, contentType: 'image/jpeg' } } });
    expect(stored.map((s) => s.bytes)).toEqual([crop]);
  });

  it('refuses a push without a picture with a typed missing-part, claiming nothing', async () => {
    const { service, receipts, publisher } = harness();
    const refused = await service.ingest(camera, { ...push, images: {} }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IngestException);
    expect(refused).toMatchObject({ code: 'missing-part' });
    expect(receipts.rows.size).toBe(0);
    expect(publisher.published).toEqual([]);
  });

  it('gives the claim back when the frame cannot be stored, so the camera’s retry publishes it', async () => {
    const { service, receipts, publisher, failNextStore } = harness();
    failNextStore();
    await expect(service.ingest(camera, push)).rejects.toMatchObject({
      code: 'storage-unavailable',
      retryAfterSeconds: 1,
    });
    expect(receipts.rows.size).toBe(0);
    await expect(service.ingest(camera, push)).resolves.toEqual({ kind: 'accepted', openBarrier: false });
    expect(publisher.published).toHaveLength(1);
  });

  it('keys the frame by vendor and the vendor’s key', () => {
    expect(pushFrameKey({ vendor: 'dahua', idempotencyKey: 'g|e' })).toBe('push|dahua|g|e');
  });
});
