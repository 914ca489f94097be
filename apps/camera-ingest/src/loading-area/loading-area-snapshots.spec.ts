import { RecordingPublisher } from '../testing/recording-publisher';
import { type ObjectRef, topicMap } from '@ecogate/contracts';
import { type OnvifClient } from '@ecogate/onvif';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { type CaptureStore } from '../capture/capture-store';
import { type LoadingAreaCamera } from './loading-area-camera.repository';
import { LoadingAreaSnapshotLoop } from './loading-area-snapshot-loop';
import { LoadingAreaSnapshots } from './loading-area-snapshots';

const image: ObjectRef = {
  bucket: 'captures',
  key: 'ent-1/site-1/2026/12/07/loading-area/ab.jpg',
  sha256: 'a'.repeat(64),
  contentType: 'image/jpeg',
  bytes: 3,
};

const camera: LoadingAreaCamera = {
  id: 'yard-1',
  kind: 'loading-area-camera',
  vendor: 'onvif',
  enterpriseId: parseEnterpriseId('ent-1'),
  address: 'http://127.0.0.1:1',
  credentialsEncrypted: 'unused',
  version: 'v1',
  site: { siteId: 'site-1', timeZone: 'Asia/Shanghai' },
  lane: null,
};

function snapshots() {
  const stored: string[] = [];
  const store = {
    store: async (_camera: unknown, _at: Date, kind: string) => {
      stored.push(kind);
      return image;
    },
  } as unknown as CaptureStore;
  const publisher = new RecordingPublisher();
  return { stored, publisher, snapshots: new LoadingAreaSnapshots(store, publisher) };
}

describe('LoadingAreaSnapshots', () => {
  it('publishes a frame on the loading-area topic with its site and no lane, keyed by camera', async () => {
    const { stored, publisher, snapshots: frames } = snapshots();
    await frames.publish(
      camera,
      Buffer.from([1, 2, 3]),
      'schedule',
      'slot-1',
      new Date('2026-12-07T02:00:00Z'),
    );
    expect(stored).toEqual(['loading-area']);
    expect(publisher.published).toHaveLength(1);
    const { topic, request } = publisher.published[0]!;
    expect(topic).toBe('loading-area.snapshot.captured.v1');
    expect(request.key).toBe('ent-1/yard-1');
    const payload = topicMap['loading-area.snapshot.captured.v1'].parse(request.payload);
    expect(payload).toMatchObject({
      cameraId: 'yard-1',
      area: { enterpriseId: 'ent-1', siteId: 'site-1' },
      trigger: 'schedule',
      capturedAt: '2026-12-07T02:00:00.000Z',
      image,
    });
    expect(request.payload).not.toHaveProperty('lane');
  });

  it('gives the same frame key the same ids, and another key other ids', async () => {
    const { publisher, snapshots: frames } = snapshots();
    const at = new Date('2026-12-07T02:00:00Z');
    const first = await frames.publish(camera, Buffer.from([1]), 'schedule', 'slot-1', at);
    const again = await frames.publish(camera, Buffer.from([1]), 'schedule', 'slot-1', at);
    const other = await frames.publish(camera, Buffer.from([1]), 'schedule', 'slot-2', at);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    const ids = publisher.published.map(({ request }) => request.eventId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });
});

describe('LoadingAreaSnapshotLoop', () => {
  const logger = createLogger({ service: 'loading-area-spec', level: 'fatal' });
  const client = (snapshot: () => Promise<Buffer>) => ({ snapshot }) as unknown as OnvifClient;

  it('names each frame after its period slot, so a retaken slot is the same frame', async () => {
    const keys: string[] = [];
    let now = new Date('2026-12-07T02:00:59.000Z');
    const loop = new LoadingAreaSnapshotLoop(camera, {
      periodMs: 60_000,
      connect: async () => client(async () => Buffer.from([0xff, 0xd8])),
      publish: async (_camera, _bytes, frameKey) => keys.push(frameKey),
      logger,
      now: () => now,
    });
    await loop.takeSnapshot();
    now = new Date('2026-12-07T02:00:01.000Z');
    await loop.takeSnapshot();
    now = new Date('2026-12-07T02:01:00.000Z');
    await loop.takeSnapshot();
    expect(keys).toEqual([
      'schedule|2026-12-07T02:00:00.000Z',
      'schedule|2026-12-07T02:00:00.000Z',
      'schedule|2026-12-07T02:01:00.000Z',
    ]);
  });

  it('logs in afresh after a failed snapshot and publishes nothing for the failed slot', async () => {
    let connects = 0;
    let fail = true;
    const keys: string[] = [];
    const loop = new LoadingAreaSnapshotLoop(camera, {
      periodMs: 60_000,
      connect: async () => {
        connects += 1;
        return client(async () => {
          if (fail) throw new Error('camera away');
          return Buffer.from([0xff, 0xd8]);
        });
      },
      publish: async (_camera, _bytes, frameKey) => keys.push(frameKey),
      logger,
      now: () => new Date('2026-12-07T02:00:00Z'),
    });
    await loop.takeSnapshot();
    expect(keys).toEqual([]);
    fail = false;
    await loop.takeSnapshot();
    expect(connects).toBe(2);
    expect(keys).toHaveLength(1);
  });

  it('takes a first frame at once and stops promptly', async () => {
    const keys: string[] = [];
    const loop = new LoadingAreaSnapshotLoop(camera, {
      periodMs: 3_600_000,
      connect: async () => client(async () => Buffer.from([0xff, 0xd8])),
      publish: async (_camera, _bytes, frameKey) => keys.push(frameKey),
      logger,
    });
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await loop.stop();
    expect(keys).toHaveLength(1);
  });
});
