import { DahuaEventStreamSimulator, type DahuaTrafficFields, syntheticJpeg } from '@ecogate/camera-simulator';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually } from '@ecogate/testing';
import { type StatusChange } from '../camera-status/camera-health';
import { type AnprPush, type PushOutcome } from '../push/anpr-push.adapter';
import { IngestException } from '../push/ingest.exception';
import { TEST_LIMITS } from '../push/testing/push-fixtures';
import { attachDahuaEventStream } from './dahua-attach';
import { type DahuaStreamDevice } from './dahua-stream-device.repository';
import { DahuaStreamSupervisor, healthReason, reconnectDelayMs } from './dahua-stream-supervisor';
import { TEST_ACCOUNT as account, TEST_SETTINGS as SETTINGS } from './testing/dahua-stream-test-settings';

const logger = createLogger({ service: 'dahua-stream-spec', level: 'fatal' });

let nextGroup = 1;
const vehicle = (over: Partial<DahuaTrafficFields> = {}): DahuaTrafficFields => {
  const groupId = nextGroup++;
  return {
    groupId,
    eventId: groupId,
    capturedAt: new Date('2026-11-28T08:00:00Z'),
    plate: '皖A00E66',
    scene: syntheticJpeg(`scene-${groupId}`),
    plateCrop: syntheticJpeg(`plate-${groupId}`),
    ...over,
  };
};

/** A supervisor on a simulated camera, with an ingestion that remembers keys as the push receipts do. */
function supervise(
  camera: DahuaEventStreamSimulator,
  options: {
    password?: string;
    ingest?: (push: AnprPush) => Promise<PushOutcome>;
    heartbeatSeconds?: number;
  } = {},
) {
  const settings = { ...SETTINGS, heartbeatSeconds: options.heartbeatSeconds ?? SETTINGS.heartbeatSeconds };
  const pushes: AnprPush[] = [];
  const outcomes: PushOutcome['kind'][] = [];
  const statuses: StatusChange[] = [];
  const seen = new Set<string>();
  const device: DahuaStreamDevice = {
    id: 'itc-1',
    kind: 'anpr-camera',
    vendor: 'dahua',
    enterpriseId: parseEnterpriseId('ent-1'),
    address: camera.url,
    credentialsEncrypted: 'unused',
    version: 'v1',
    site: { siteId: 's', timeZone: 'Asia/Shanghai' },
    lane: { siteId: 's', gateId: 'g', laneId: 'l', direction: 'in', timeZone: 'Asia/Shanghai' },
  };
  const supervisor = new DahuaStreamSupervisor(device, {
    settings,
    limits: TEST_LIMITS,
    attach: (signal) =>
      attachDahuaEventStream(
        {
          address: camera.url,
          username: account.username,
          password: options.password ?? account.password,
          heartbeatSeconds: settings.heartbeatSeconds,
          timeoutMs: SETTINGS.connectTimeoutMs,
          networks: SETTINGS.networks,
        },
        signal,
      ),
    ingest:
      options.ingest ??
      (async (push) => {
        pushes.push(push);
        const kind = seen.has(push.idempotencyKey) ? 'duplicate' : 'accepted';
        seen.add(push.idempotencyKey);
        outcomes.push(kind);
        return kind === 'duplicate' ? { kind, openBarrier: false } : { kind, openBarrier: false };
      }),
    publishStatus: async (change) => void statuses.push(change),
    logger,
  });
  supervisor.start();
  return { supervisor, pushes, outcomes, statuses, keys: () => pushes.map((p) => p.idempotencyKey) };
}

describe('reconnect delays and health reasons', () => {
  const settings = { reconnectMinMs: 1_000, reconnectMaxMs: 60_000 };

  it('doubles from the minimum to the maximum, jittered between half and all of it', () => {
    expect([1, 2, 3, 7, 8, 40].map((n) => reconnectDelayMs(n, 'closed', settings, 0.999999))).toEqual([
      1_000, 2_000, 4_000, 60_000, 60_000, 60_000,
    ]);
    expect(reconnectDelayMs(3, 'hung', settings, 0)).toBe(2_000);
    expect(reconnectDelayMs(3, 'hung', settings, 0.5)).toBe(3_000);
  });

  it('waits the longest after a refused login, from the first failure', () => {
    expect(reconnectDelayMs(1, 'unauthorised', settings, 0.999999)).toBe(60_000);
  });

  it('reports a hung or broken stream as unreachable, other failures as they are', () => {
    expect(['hung', 'closed', 'unauthorised', 'protocol'].map((c) => healthReason(c as 'hung'))).toEqual([
      'unreachable',
      'unreachable',
      'unauthorised',
      'protocol',
    ]);
  });
});

describe('DahuaStreamSupervisor against the simulated camera', () => {
  let camera: DahuaEventStreamSimulator;
  let running: ReturnType<typeof supervise> | undefined;
  beforeEach(async () => {
    camera = new DahuaEventStreamSimulator({ account, replayLastOnAttach: true });
    await camera.start();
  });
  afterEach(async () => {
    await running?.supervisor.stop();
    running = undefined;
    await camera.stop();
  });

  it('turns every event into one ingested read, and reports the camera online once', async () => {
    running = supervise(camera);
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    expect(camera.attaches[0]).toMatchObject({
      codes: ['TrafficJunction', 'TrafficGate'],
      heartbeatSeconds: 1,
    });
    const first = vehicle();
    const second = vehicle({ code: 'TrafficGate', plateCrop: undefined });
    await camera.emit(first);
    await camera.emit(second);
    await expectEventually(() =>
      expect(running!.keys()).toEqual([
        `${first.groupId}:${first.eventId}`,
        `${second.groupId}:${second.eventId}`,
      ]),
    );
    const [read, gateRead] = running.pushes;
    expect(read!.images.scene?.bytes.equals(first.scene!)).toBe(true);
    expect(read!.images.plate?.bytes.equals(first.plateCrop!)).toBe(true);
    // Only a scene: taken after the settle time (or at the next heartbeat), without a plate crop.
    expect(gateRead!.images.plate).toBeUndefined();
    expect(running.statuses.map((s) => [s.status, s.reason])).toEqual([['online', 'reachable']]);
    expect(running.statuses[0]!.clockDriftMs).toBeUndefined();
  });

  it('skips an invalid event and keeps the stream', async () => {
    running = supervise(camera);
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    await camera.emit(vehicle({ plate: '' }));
    await camera.emit(vehicle({ scene: undefined, plateCrop: undefined }));
    const good = vehicle();
    await camera.emit(good);
    await expectEventually(() => expect(running!.keys()).toEqual([`${good.groupId}:${good.eventId}`]));
    expect(camera.attaches).toHaveLength(1);
  });

  it('reconnects after a cut; the event the camera replays is a duplicate', async () => {
    running = supervise(camera);
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    const event = vehicle();
    await camera.emit(event);
    await expectEventually(() => expect(running!.outcomes).toEqual(['accepted']));
    camera.cutConnections();
    await expectEventually(() => expect(running!.outcomes).toEqual(['accepted', 'duplicate']));
    expect(camera.attaches).toHaveLength(2);
    expect(new Set(running.keys())).toEqual(new Set([`${event.groupId}:${event.eventId}`]));
    // One cut is no outage.
    expect(running.statuses.map((s) => s.status)).toEqual(['online']);
  });

  it('drops a hung stream after the watchdog and attaches again', async () => {
    // A fraction of a second (the simulator takes one; cameras only whole seconds): watchdog 250 ms.
    running = supervise(camera, { heartbeatSeconds: 0.1 });
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    camera.hang();
    await expectEventually(() => expect(camera.attaches).toHaveLength(2), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    const event = vehicle();
    await camera.emit(event);
    await expectEventually(() => expect(running!.keys()).toContain(`${event.groupId}:${event.eventId}`));
  });

  it('reads events written in tiny delayed pieces', async () => {
    running = supervise(camera);
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    camera.slowWrites({ chunkBytes: 7, delayMs: 0 });
    const event = vehicle();
    await camera.emit(event);
    await expectEventually(() => expect(running!.keys()).toEqual([`${event.groupId}:${event.eventId}`]));
    expect(running.pushes[0]!.images.plate?.bytes.equals(event.plateCrop!)).toBe(true);
  });

  it('reports a refused login offline / unauthorised after the debounce, with nothing read', async () => {
    running = supervise(camera, { password: 'not-the-password' });
    await expectEventually(() =>
      expect(running!.statuses.map((s) => [s.status, s.reason])).toEqual([['offline', 'unauthorised']]),
    );
    expect(camera.refusedLogins).toBeGreaterThanOrEqual(3);
    expect(camera.attaches).toHaveLength(0);
    expect(running.pushes).toHaveLength(0);
  });

  it('reports a camera that is off as offline / unreachable, then recovered', async () => {
    running = supervise(camera);
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    camera.goOffline(60);
    await expectEventually(() =>
      expect(running!.statuses.map((s) => s.status)).toEqual(['online', 'offline']),
    );
    expect(running.statuses[1]!.reason).toBe('unreachable');
    camera.comeBack();
    await expectEventually(() =>
      expect(running!.statuses.map((s) => [s.status, s.reason])).toEqual([
        ['online', 'reachable'],
        ['offline', 'unreachable'],
        ['recovered', 'reachable'],
      ]),
    );
  });

  it('retries an event whose storing failed, then stores it once', async () => {
    const attempts: string[] = [];
    running = supervise(camera, {
      ingest: async (push) => {
        attempts.push(push.idempotencyKey);
        if (attempts.length === 1) {
          throw new IngestException('storage-unavailable', 'MinIO away', { retryAfterSeconds: 0.05 });
        }
        return { kind: 'accepted', openBarrier: false };
      },
    });
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    const event = vehicle();
    await camera.emit(event);
    const key = `${event.groupId}:${event.eventId}`;
    await expectEventually(() => expect(attempts).toEqual([key, key]));
    expect(camera.attaches).toHaveLength(1);
  });

  it('lets go of the stream when stopped', async () => {
    running = supervise(camera);
    await expectEventually(() => expect(camera.attachedCount).toBe(1));
    await running.supervisor.stop();
    await expectEventually(() => expect(camera.attachedCount).toBe(0));
    const attaches = camera.attaches.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(camera.attaches).toHaveLength(attaches);
  });
});
