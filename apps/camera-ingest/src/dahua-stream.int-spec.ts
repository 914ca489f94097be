import {
  DahuaEventStreamSimulator,
  type DahuaTrafficFields,
  plateCropPhoto,
  scenePhoto,
} from '@ecogate/camera-simulator';
import { expectEventually, releaseAll } from '@ecogate/testing';
import { CameraIngestHarness } from './testing/camera-ingest-harness';

const HEARTBEAT_S = 1;
const account = { username: 'admin', password: 'Dahua-It-1' };

describe('Dahua event stream against real Postgres, Kafka, MinIO and a simulated ITC camera', () => {
  const harness = new CameraIngestHarness({
    name: 'dahua',
    consume: ['anpr.plate.read.v1', 'camera.status.changed.v1'],
  });
  const { api, enterprise, bucket } = harness;
  // The camera sends its last event again after a reconnect, as some firmwares do.
  const camera = new DahuaEventStreamSimulator({ account, replayLastOnAttach: true });
  const locked = new DahuaEventStreamSimulator({ account });
  const reads = harness.received('anpr.plate.read.v1');
  const statuses = harness.received('camera.status.changed.v1');

  const id = (name: 'stream' | 'locked') => `${enterprise}-${name}`;
  const statusOf = (name: 'stream' | 'locked') =>
    statuses.filter((s) => s.payload.cameraId === id(name)).map((s) => [s.payload.status, s.payload.reason]);

  let group = 7000;
  /** A truck at the gate, with real photos. */
  const vehicle = (plate: string): DahuaTrafficFields => {
    group += 1;
    return {
      groupId: group,
      eventId: group - 6000,
      capturedAt: new Date(Date.now() - 1_000),
      plate,
      scene: scenePhoto(group),
      plateCrop: plateCropPhoto(plate),
    };
  };
  const readsOf = (fields: DahuaTrafficFields) =>
    reads.filter(
      (r) =>
        r.payload.capturedAt === fields.capturedAt.toISOString() && r.payload.plate.text === fields.plate,
    );

  beforeAll(async () => {
    await camera.start();
    await locked.start();
    await harness.start({
      DAHUA_EVENT_STREAM_HEARTBEAT_S: String(HEARTBEAT_S),
      DAHUA_EVENT_STREAM_RECONNECT_MIN_MS: '100',
      DAHUA_EVENT_STREAM_RECONNECT_MAX_MS: '400',
      DAHUA_EVENT_STREAM_OFFLINE_AFTER_FAILURES: '3',
      DAHUA_EVENT_STREAM_EVENT_SETTLE_MS: '200',
      DAHUA_EVENT_STREAM_DEVICE_REFRESH_MS: '200',
    });
    await harness.addLane();
    for (const [name, simulator, login] of [
      ['stream', camera, account],
      ['locked', locked, { ...account, password: 'not-the-password' }],
    ] as const) {
      const response = await api('POST', '/devices', {
        id: id(name),
        laneId: 'lane-in',
        kind: 'anpr-camera',
        vendor: 'dahua',
        name: `Dahua ITC ${name}`,
        address: simulator.url,
        credentials: login,
        eventSource: 'event-stream',
      });
      expect(response.status).toBe(201);
      expect(((await response.json()) as { device: { eventSource: string } }).device.eventSource).toBe(
        'event-stream',
      );
    }
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
  });

  afterAll(() =>
    releaseAll(
      () => harness.close(),
      () => camera.stop(),
      () => locked.stop(),
    ),
  );

  it('refuses the event stream for a camera that has none', async () => {
    const response = await api('POST', '/devices', {
      id: `${enterprise}-hik`,
      laneId: 'lane-in',
      kind: 'anpr-camera',
      vendor: 'hikvision',
      name: 'Hikvision ANPR',
      eventSource: 'event-stream',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid-request' });
  });

  const emitted: DahuaTrafficFields[] = [];

  it('turns three streamed events into three plate reads from the camera, with their photos stored', async () => {
    for (const plate of ['皖A00E66', '沪D12345', '苏E99999']) {
      const fields = vehicle(plate);
      emitted.push(fields);
      expect(await camera.emit(fields)).toBe(1);
    }
    await expectEventually(() => expect(reads).toHaveLength(3));
    for (const fields of emitted) {
      const [read] = readsOf(fields);
      expect(read!.payload).toMatchObject({
        cameraId: id('stream'),
        source: 'camera',
        plate: { text: fields.plate, rawColour: 'Blue', confidence: 0.96 },
        lane: harness.lane,
        origin: { vendor: 'dahua', rawPayload: { contentType: 'text/plain', bucket } },
      });
      expect((await harness.stored(read!.payload.images.scene!.key)).equals(fields.scene!)).toBe(true);
      expect((await harness.stored(read!.payload.images.plate!.key)).equals(fields.plateCrop!)).toBe(true);
      // The event part itself is kept for audits.
      const raw = (await harness.stored(read!.payload.origin!.rawPayload!.key)).toString('utf8');
      expect(raw).toMatch(new RegExp(`^Code=TrafficJunction;action=Pulse;index=0;data=\\{`));
      expect(raw).toContain(`"GroupID": ${fields.groupId}`);
    }
    expect(statusOf('stream')).toEqual([['online', 'reachable']]);
  });

  it('after a cut, the event the camera replays on reconnect is a duplicate, not a second passage', async () => {
    const attaches = camera.attaches.length;
    camera.cutConnections();
    await expectEventually(() => expect(camera.attaches).toHaveLength(attaches + 1));
    expect(camera.replayed).toBe(1);
    // The replay went out first on the new stream; a new event after it proves it was read.
    const next = vehicle('浙A54321');
    emitted.push(next);
    await camera.emit(next);
    await expectEventually(() => expect(readsOf(next)).toHaveLength(1));
    expect(reads).toHaveLength(4);
    expect(readsOf(emitted[2]!)).toHaveLength(1);
    expect(new Set(reads.map((r) => r.payload.readId)).size).toBe(4);
    // A cut the stream recovers from at once is no outage.
    expect(statusOf('stream')).toEqual([['online', 'reachable']]);
  });

  it('reconnects within the watchdog when the heartbeats stop', async () => {
    const attaches = camera.attaches.length;
    const hungAt = Date.now();
    camera.hang();
    await expectEventually(() => expect(camera.attaches).toHaveLength(attaches + 1), { intervalMs: 50 });
    const after = Date.now() - hungAt;
    // 2.5 heartbeats after the last byte (up to one heartbeat before the hang), plus one reconnect delay.
    expect(after).toBeGreaterThanOrEqual(1_000 * HEARTBEAT_S);
    expect(after).toBeLessThan(2.5 * 1_000 * HEARTBEAT_S + 400 + 2_000);
    const next = vehicle('鲁B11111');
    emitted.push(next);
    await camera.emit(next);
    await expectEventually(() => expect(readsOf(next)).toHaveLength(1));
    expect(reads).toHaveLength(5);
  });

  it('attaches nothing with a wrong password: offline / unauthorised, and the service goes on', async () => {
    await expectEventually(() => expect(statusOf('locked')).toEqual([['offline', 'unauthorised']]));
    expect(locked.attaches).toHaveLength(0);
    expect(locked.refusedLogins).toBeGreaterThanOrEqual(3);
    expect(await locked.emit(vehicle('晋C22222'))).toBe(0);
    expect(reads.filter((r) => r.payload.cameraId === id('locked'))).toHaveLength(0);

    // The operator corrects the login: the camera is attached without a restart and recovers.
    const fixed = await api('PATCH', `/devices/${id('locked')}`, { credentials: account });
    expect(fixed.status).toBe(200);
    await expectEventually(() => expect(locked.attachedCount).toBe(1));
    await expectEventually(() =>
      expect(statusOf('locked')).toEqual([
        ['offline', 'unauthorised'],
        ['recovered', 'reachable'],
      ]),
    );
    const health = await fetch(`${harness.service.pushUrl}/health`);
    expect(health.status).toBe(200);
  });
});
