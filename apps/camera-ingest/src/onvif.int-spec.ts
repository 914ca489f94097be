import { OnvifDeviceSimulator } from '@ecogate/camera-simulator';
import { expectEventually, releaseAll } from '@ecogate/testing';
import { CameraIngestHarness } from './testing/camera-ingest-harness';

const POLL_MS = 250;
const account = { username: 'admin', password: 'Onvif-It-1' };

describe('ONVIF supervision against real Postgres, Kafka, MinIO and simulated ONVIF cameras', () => {
  const harness = new CameraIngestHarness({
    name: 'onvif',
    services: ['video-archive'],
    consume: ['camera.status.changed.v1', 'camera.snapshot.captured.v1'],
  });
  const { api, enterprise, bucket } = harness;
  // Strict cameras, and two with documented quirks of real models: the product must work with all.
  const cameras = {
    trigger: new OnvifDeviceSimulator({
      account,
      maxPullWaitMs: 400,
      rtspUri: 'rtsp://127.0.0.1:8554/gate-1',
      snapshotIndex: 3,
      quirks: ['http-digest-only'],
    }),
    outage: new OnvifDeviceSimulator({ account, maxPullWaitMs: 400, quirks: ['ws-security-only'] }),
    skewed: new OnvifDeviceSimulator({ account, maxPullWaitMs: 400, clockSkewMs: 90_000 }),
    locked: new OnvifDeviceSimulator({ account, maxPullWaitMs: 400 }),
  };
  const statuses = harness.received('camera.status.changed.v1');
  const snapshots = harness.received('camera.snapshot.captured.v1');

  const id = (name: keyof typeof cameras) => `${enterprise}-${name}`;
  const statusOf = (name: keyof typeof cameras) =>
    statuses.filter((s) => s.payload.cameraId === id(name)).map((s) => s.payload);

  beforeAll(async () => {
    const urls = Object.fromEntries(
      await Promise.all(Object.entries(cameras).map(async ([name, camera]) => [name, await camera.start()])),
    ) as Record<keyof typeof cameras, string>;
    await harness.start({
      ONVIF_SUPERVISION_ENABLED: 'true',
      ONVIF_POLL_INTERVAL_MS: String(POLL_MS),
      ONVIF_OFFLINE_AFTER_FAILED_POLLS: '3',
      ONVIF_CLOCK_DRIFT_THRESHOLD_MS: '5000',
      ONVIF_REQUEST_TIMEOUT_MS: '1000',
      ONVIF_PULL_TIMEOUT_MS: '500',
      ONVIF_DEVICE_REFRESH_MS: '200',
    });
    await harness.addLane();
    for (const name of Object.keys(cameras) as (keyof typeof cameras)[]) {
      const response = await api('POST', '/devices', {
        id: id(name),
        laneId: 'lane-in',
        kind: 'overview-camera',
        vendor: 'onvif',
        name: `ONVIF ${name}`,
        address: urls[name],
        credentials: name === 'locked' ? { ...account, password: 'not-the-password' } : account,
      });
      expect(response.status).toBe(201);
    }
    // Every reachable camera reports online once it is supervised.
    await expectEventually(() => {
      for (const name of ['trigger', 'outage', 'skewed'] as const)
        expect(statusOf(name)[0]?.status).toBe('online');
      // … and has its pull point: a device drops events nobody is subscribed to.
      for (const name of ['trigger', 'outage'] as const) expect(cameras[name].subscriptionCount).toBe(1);
    });
  });

  afterAll(() =>
    releaseAll(
      () => harness.close(),
      () => Promise.all(Object.values(cameras).map((camera) => camera.stop())),
    ),
  );

  it('turns one ground-loop trigger into exactly one snapshot event whose image is the camera photo', async () => {
    cameras.trigger.trigger('digital-input');
    const [snapshot] = await expectEventually(() => {
      expect(snapshots).toHaveLength(1);
      return snapshots;
    });
    expect(snapshot!.payload).toMatchObject({
      cameraId: id('trigger'),
      trigger: 'ground-loop',
      lane: harness.lane,
      image: { bucket, contentType: 'image/jpeg', bytes: cameras.trigger.snapshot.length },
    });
    expect(snapshot!.payload.image.key).toMatch(
      new RegExp(`^${enterprise}/plant-1/\\d{4}/\\d{2}/\\d{2}/scene/[0-9a-f]{64}\\.jpg$`),
    );
    expect((await harness.stored(snapshot!.payload.image.key)).equals(cameras.trigger.snapshot)).toBe(true);

    // The input going back to false takes no picture; the next motion does: still one per trigger.
    cameras.trigger.trigger('digital-input', false);
    cameras.trigger.trigger('motion');
    await expectEventually(() =>
      expect(snapshots.map((s) => s.payload.trigger)).toEqual(['ground-loop', 'motion']),
    );
    expect(new Set(snapshots.map((s) => s.eventId)).size).toBe(2);
  });

  it('reports tamper alarms as status changes', async () => {
    cameras.trigger.trigger('tamper');
    await expectEventually(() =>
      expect(statusOf('trigger').map((s) => [s.status, s.reason])).toEqual([
        ['online', 'reachable'],
        ['tampered', 'tamper'],
      ]),
    );
  });

  it('reports a camera that stops answering offline once, after the debounce, then recovered once', async () => {
    const wentOffline = Date.now();
    cameras.outage.goOffline(2.5);
    const offline = await expectEventually(() => {
      const found = statusOf('outage').find((s) => s.status === 'offline');
      expect(found).toBeDefined();
      return found!;
    });
    expect(offline.reason).toBe('unreachable');
    // Three failed polls, one interval apart: not before the third.
    expect(Date.parse(offline.at) - wentOffline).toBeGreaterThanOrEqual(2 * POLL_MS);
    await expectEventually(() =>
      expect(statusOf('outage').map((s) => [s.status, s.reason])).toEqual([
        ['online', 'reachable'],
        ['offline', 'unreachable'],
        ['recovered', 'reachable'],
      ]),
    );
    // The reboot lost the subscription; the supervisor makes a new one and triggers arrive again.
    await expectEventually(() => expect(cameras.outage.subscriptionCount).toBe(1));
    cameras.outage.trigger('digital-input');
    await expectEventually(() =>
      expect(snapshots.filter((s) => s.payload.cameraId === id('outage'))).toHaveLength(1),
    );
  });

  it('reports a 90 s clock skew as drift', () => {
    const [online] = statusOf('skewed');
    expect(online).toMatchObject({ status: 'online', reason: 'clock-drift' });
    expect(Math.abs(online!.clockDriftMs! - 90_000)).toBeLessThan(3_000);
  });

  it('reports a camera that rejects our login as offline / unauthorised', async () => {
    await expectEventually(() =>
      expect(statusOf('locked').map((s) => [s.status, s.reason])).toEqual([['offline', 'unauthorised']]),
    );
  });

  it('serves a camera’s stream and snapshot URIs through the registry API, per tenant', async () => {
    // As video-archive asks it: with its own service token.
    const response = await api(
      'GET',
      `/devices/${id('trigger')}/media`,
      undefined,
      await harness.issuer.serviceBearer('video-archive'),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      deviceId: id('trigger'),
      profiles: [
        {
          token: 'profile_1',
          name: 'mainStream',
          encoding: 'H264',
          width: 1920,
          height: 1080,
          streamUri: 'rtsp://127.0.0.1:8554/gate-1',
          snapshotUri: `${cameras.trigger.url}/onvif/snapshot.jpg`,
        },
      ],
    });
    const otherTenant = await api(
      'GET',
      `/devices/${id('trigger')}/media`,
      undefined,
      undefined,
      `other-${enterprise}`,
    );
    expect(otherTenant.status).toBe(404);
    // Another enterprise's staff learn nothing about this camera, not even that it exists.
    const outsider = await harness.issuer.bearer({
      role: 'enterprise-staff',
      enterprises: [`other-${enterprise}`],
    });
    const foreign = await api('GET', `/devices/${id('trigger')}/media`, undefined, outsider);
    expect([foreign.status, await foreign.text()]).toEqual([
      404,
      JSON.stringify({ code: 'enterprise-not-found', reason: 'no such enterprise' }),
    ]);
    expect((await api('GET', `/devices/${id('trigger')}/media`, undefined, '')).status).toBe(401);
    const locked = await api('GET', `/devices/${id('locked')}/media`);
    expect([locked.status, ((await locked.json()) as { code: string }).code]).toEqual([
      502,
      'device-unauthorised',
    ]);
  });
});
