import { CameraSimulator, type PushResult } from '@ecogate/camera-simulator';
import { type ObjectStorage } from '@ecogate/storage';
import { expectEventually } from '@ecogate/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { OBJECT_STORAGE } from './capture/capture-store';
import { SECRET_HEADER } from './push/push.controller';
import { CameraIngestHarness } from './testing/camera-ingest-harness';

/** A promise and the function that settles it, to hold an attempt mid-flight. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Whether `promise` has settled by now. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  // One turn of the event loop lets an already settled promise run its callbacks.
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

// Overlapping pushes of one capture over real HTTP, Postgres, Kafka and MinIO: a re-push is never
// acknowledged before the original is durably stored (a data-loss review finding).
describe('camera-ingest: a re-push while the first attempt is still in flight', () => {
  const harness = new CameraIngestHarness({ name: 'overlap', consume: ['anpr.plate.read.v1'] });
  const deviceId = `${harness.enterprise}-dahua`;
  const reads = harness.received('anpr.plate.read.v1');
  let storage: ObjectStorage;
  let camera: CameraSimulator;
  let baseUrl: string;
  let pushSecret: string;

  beforeAll(async () => {
    await harness.start({ PUSH_IN_FLIGHT_WAIT_MS: '1500' });
    baseUrl = harness.service.pushUrl;
    storage = harness.service.apps.core.get<ObjectStorage>(OBJECT_STORAGE);
    await harness.addLane();
    const created = await harness.api('POST', '/devices', {
      id: deviceId,
      laneId: 'lane-in',
      kind: 'anpr-camera',
      vendor: 'dahua',
      name: 'Dahua ANPR',
      allowedSources: ['127.0.0.1', '::1'],
    });
    expect(created.status).toBe(201);
    ({ pushSecret } = (await created.json()) as { pushSecret: string });
    camera = new CameraSimulator({
      vendor: 'dahua',
      pushUrl: `${baseUrl}/push/dahua/${deviceId}`,
      headers: { [SECRET_HEADER]: pushSecret },
    });
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(() => harness.close());

  const readsOf = (plate: string) => reads.filter((r) => r.payload.plate.text === plate);
  const published = async (readId: string) =>
    (
      (await harness.dataSource.query(
        `SELECT published_at IS NOT NULL AS done FROM push_receipts WHERE event_id = $1`,
        [readId],
      )) as { done: boolean }[]
    )[0]?.done ?? false;

  /** Holds the first object-storage write until `hold` opens, then runs `then` (fail or pass through). */
  function holdFirstPut(hold: Promise<void>, then: 'fail' | 'pass') {
    const realPut = storage.put.bind(storage);
    return jest.spyOn(storage, 'put').mockImplementationOnce(async (...args) => {
      await hold;
      if (then === 'fail') throw new Error('injected: MinIO unavailable');
      return realPut(...args);
    });
  }

  /** A vehicle arrives and its capture is re-pushed while the first push is still storing. */
  async function overlappingPushes(plate: string, put: jest.SpyInstance) {
    const first = camera.arrive({ plate });
    await expectEventually(() => expect(put).toHaveBeenCalled(), { intervalMs: 10 });
    const capture = camera.sent.at(-1)!;
    expect(capture.plate).toBe(plate);
    return { first, second: camera.rePush(capture) };
  }

  it('the first attempt fails after the re-push arrived: the re-push is answered 200 only once it stored the read itself', async () => {
    const hold = gate();
    const put = holdFirstPut(hold.opened, 'fail');
    const { first, second } = await overlappingPushes('冀A0V001', put);
    await sleep(400);
    // Before the fix this was already answered 200 "duplicate" — and the read then lost.
    expect(await settledYet(second)).toBe(false);

    hold.open();
    expect((await first).status).toBe(503);
    const answer: PushResult = await second;
    expect([answer.status, JSON.parse(answer.body!)]).toEqual([200, { status: 'accepted' }]);
    const read = await expectEventually(() => {
      expect(readsOf('冀A0V001')).toHaveLength(1);
      return readsOf('冀A0V001')[0]!;
    });
    expect(await published(read.payload.readId)).toBe(true);
    const raw = read.payload.origin!.rawPayload!;
    expect((await storage.stat(raw.bucket, raw.key)).size).toBe(raw.bytes);
    // The camera's further retries are plain duplicates; still exactly one read in the end.
    expect((await camera.rePush(answer.capture)).status).toBe(200);
    await sleep(1500);
    expect(readsOf('冀A0V001')).toHaveLength(1);
  });

  it('the first attempt outlasts the wait: the re-push gets 503 with Retry-After, the next retry 200 duplicate', async () => {
    const hold = gate();
    const put = holdFirstPut(hold.opened, 'pass');
    const { first, second } = await overlappingPushes('冀A0V002', put);
    const refused = await second;
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body!)).toMatchObject({ code: 'push-in-flight' });
    expect(readsOf('冀A0V002')).toHaveLength(0);

    hold.open();
    expect((await first).status).toBe(200);
    const retried = await camera.rePush(refused.capture);
    expect([retried.status, JSON.parse(retried.body!)]).toEqual([200, { status: 'duplicate' }]);
    await expectEventually(() => expect(readsOf('冀A0V002')).toHaveLength(1));
    await sleep(1500);
    expect(readsOf('冀A0V002')).toHaveLength(1);
  });

  it('sends Retry-After with the 503', async () => {
    const hold = gate();
    const put = holdFirstPut(hold.opened, 'pass');
    const first = camera.arrive({ plate: '冀A0V003' });
    await expectEventually(() => expect(put).toHaveBeenCalled(), { intervalMs: 10 });
    const capture = camera.sent.at(-1)!;
    // Straight over HTTP to see the header the simulator does not record.
    const response = await fetch(`${baseUrl}/push/dahua/${deviceId}`, {
      method: 'POST',
      headers: { 'content-type': capture.contentType, [SECRET_HEADER]: pushSecret },
      body: capture.body,
    });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await response.text();
    hold.open();
    expect((await first).status).toBe(200);
  });
});
