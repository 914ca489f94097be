import { CameraSimulator, hikvisionAlertXml, hikvisionAnprPost, scenePhoto } from '@ecogate/camera-simulator';
import { parseObjectKey } from '@ecogate/storage';
import { expectEventually } from '@ecogate/testing';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SECRET_HEADER } from './push/push.controller';
import { CameraIngestHarness } from './testing/camera-ingest-harness';

type Vendor = 'hikvision' | 'dahua' | 'vzenith';

// Vendor cameras over a loading area push their reads like ANPR cameras (the simulators speak the
// real payloads); camera-ingest keeps only the picture, as a loading-area frame for server-side
// recognition, over real HTTP, Postgres, Kafka and MinIO.
describe('camera-ingest: pushes of loading-area cameras', () => {
  const harness = new CameraIngestHarness({
    name: 'la_push',
    consume: ['loading-area.snapshot.captured.v1', 'camera.snapshot.captured.v1', 'anpr.plate.read.v1'],
  });
  const frames = harness.received('loading-area.snapshot.captured.v1');
  const laneSnapshots = harness.received('camera.snapshot.captured.v1');
  const reads = harness.received('anpr.plate.read.v1');
  const yard = (vendor: Vendor | 'onvif') => `${harness.enterprise}-yard-${vendor}`;
  const anprId = `${harness.enterprise}-anpr-hikvision`;
  const secrets: Record<string, string | undefined> = {};

  const register = async (id: string, kind: string, vendor: string) => {
    const response = await harness.api('POST', '/devices', {
      id,
      // A loading-area camera stands on a site, any other kind on a lane.
      ...(kind === 'loading-area-camera' ? { siteId: harness.lane.siteId } : { laneId: harness.lane.laneId }),
      kind,
      vendor,
      name: `${vendor} ${kind}`,
      allowedSources: ['127.0.0.1', '::1'],
    });
    expect(response.status).toBe(201);
    secrets[id] = ((await response.json()) as { pushSecret?: string }).pushSecret;
  };

  /** A simulated camera of `vendor` pushing as `deviceId` (Vzenith: secret in the path, others: header). */
  const cameraOf = (vendor: Vendor, deviceId: string, secret = secrets[deviceId]!) =>
    new CameraSimulator({
      vendor,
      pushUrl:
        vendor === 'vzenith'
          ? `${harness.service.pushUrl}/push/vzenith/${deviceId}/${secret}`
          : `${harness.service.pushUrl}/push/${vendor}/${deviceId}`,
      ...(vendor === 'vzenith' ? {} : { headers: { [SECRET_HEADER]: secret } }),
    });

  const ofCamera = <T extends { payload: { cameraId: string } }>(events: readonly T[], id: string) =>
    events.filter((event) => event.payload.cameraId === id);

  beforeAll(async () => {
    await harness.start();
    await harness.addLane();
    for (const vendor of ['hikvision', 'dahua', 'vzenith', 'onvif'] as const)
      await register(yard(vendor), 'loading-area-camera', vendor);
    await register(anprId, 'anpr-camera', 'hikvision');
  });

  afterAll(() => harness.close());

  it('registers a loading-area camera on a site, never a lane; any other kind on a lane, never a site', async () => {
    const shown = await harness.api('GET', `/devices/${yard('hikvision')}`);
    expect(await shown.json()).toMatchObject({ laneId: null, siteId: harness.lane.siteId });
    const anpr = await harness.api('GET', `/devices/${anprId}`);
    expect(await anpr.json()).toMatchObject({ laneId: harness.lane.laneId, siteId: harness.lane.siteId });
    const listed = (await (await harness.api('GET', '/devices')).json()) as { id: string; siteId: string }[];
    expect(listed.find((device) => device.id === yard('onvif'))?.siteId).toBe(harness.lane.siteId);

    const refused = async (body: Record<string, unknown>, path = '/devices', method = 'POST') => {
      const response = await harness.api(method, path, body);
      return [response.status, ((await response.json()) as { code: string }).code];
    };
    const camera = { kind: 'loading-area-camera', vendor: 'onvif', name: 'yard' };
    expect(await refused({ id: `${yard('onvif')}-2`, ...camera, laneId: harness.lane.laneId })).toEqual([
      400,
      'invalid-request',
    ]);
    expect(await refused({ id: `${yard('onvif')}-2`, ...camera })).toEqual([400, 'invalid-request']);
    expect(await refused({ id: `${yard('onvif')}-2`, ...camera, siteId: 'no-such-site' })).toEqual([
      404,
      'not-found',
    ]);
    // Another enterprise's site is unknown here.
    const rival = `${harness.enterprise}-b`;
    const rivalSite = await harness.api('PUT', '/sites/rival-site', { name: 'Rival' }, undefined, rival);
    expect(rivalSite.status).toBe(204);
    expect(await refused({ id: `${yard('onvif')}-2`, ...camera, siteId: 'rival-site' })).toEqual([
      404,
      'not-found',
    ]);
    const anprBody = { id: `${anprId}-2`, kind: 'anpr-camera', vendor: 'hikvision', name: 'anpr' };
    expect(await refused({ ...anprBody, siteId: harness.lane.siteId })).toEqual([400, 'invalid-request']);
    expect(await refused({ ...anprBody })).toEqual([400, 'invalid-request']);
    // Moving a loading-area camera: to a site only; a lane device: to a lane only.
    const patch = (id: string, body: Record<string, unknown>) => refused(body, `/devices/${id}`, 'PATCH');
    expect(await patch(yard('onvif'), { laneId: harness.lane.laneId })).toEqual([400, 'invalid-request']);
    expect(await patch(yard('onvif'), { siteId: 'no-such-site' })).toEqual([404, 'not-found']);
    expect(await patch(anprId, { siteId: harness.lane.siteId })).toEqual([400, 'invalid-request']);
  });

  it('issues a push secret to a loading-area camera of a push vendor, none to an ONVIF one', () => {
    for (const vendor of ['hikvision', 'dahua', 'vzenith'] as const)
      expect(secrets[yard(vendor)]).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(secrets[yard('onvif')]).toBeUndefined();
    expect(secrets[anprId]).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.each(['hikvision', 'dahua', 'vzenith'] as const)(
    '%s: a push (sent three times) is one loading-area frame with its scene stored, and no lane read',
    async (vendor) => {
      const camera = cameraOf(vendor, yard(vendor));
      const first = await camera.arrive({ plate: '鲁L88888' });
      await camera.rePush(first.capture);
      await camera.rePush(first.capture);
      expect(camera.commands.map((c) => c.kind === 'push-reply' && c.status)).toEqual([200, 200, 200]);

      const frame = await expectEventually(() => {
        const found = ofCamera(frames, yard(vendor));
        expect(found).toHaveLength(1);
        return found[0]!;
      });
      expect(frame.payload).toMatchObject({
        area: { enterpriseId: harness.enterprise, siteId: harness.lane.siteId },
        trigger: 'motion',
      });
      expect(frame.payload).not.toHaveProperty('lane');
      // The scene the camera sent, byte for byte, in the loading-area folder of the site's day.
      const scene = scenePhoto(first.capture.id);
      const sha256 = createHash('sha256').update(scene).digest('hex');
      expect(parseObjectKey(frame.payload.image.key)).toEqual({
        enterpriseId: harness.enterprise,
        siteId: harness.lane.siteId,
        day: beijingDay(new Date(frame.payload.capturedAt)),
        kind: 'loading-area',
        sha256,
        ext: 'jpg',
      });
      expect((await harness.stored(frame.payload.image.key)).equals(scene)).toBe(true);
      // The plate the camera claims travels nowhere, and never towards a barrier.
      expect(JSON.stringify(frame)).not.toContain('鲁L88888');
      expect(camera.barrierCommands()).toEqual([]);
      // Late duplicates or lane events (if any) arrive before the counts are trusted.
      await sleep(1500);
      expect(ofCamera(frames, yard(vendor))).toHaveLength(1);
      expect(ofCamera(reads, yard(vendor))).toEqual([]);
      expect(ofCamera(laneSnapshots, yard(vendor))).toEqual([]);
    },
  );

  it('refuses a push without a picture with a typed 400 and publishes nothing', async () => {
    const before = ofCamera(frames, yard('hikvision')).length;
    const xml = hikvisionAlertXml({
      uuid: 'no-picture-1',
      activePostCount: 1,
      capturedAt: new Date(),
      plate: '鲁L88888',
      plateColor: 'blue',
    });
    const { contentType, body } = hikvisionAnprPost(xml);
    const response = await fetch(`${harness.service.pushUrl}/push/hikvision/${yard('hikvision')}`, {
      method: 'POST',
      headers: { 'content-type': contentType, [SECRET_HEADER]: secrets[yard('hikvision')]! },
      body,
    });
    expect([response.status, await response.json()]).toEqual([
      400,
      { code: 'missing-part', reason: expect.any(String) },
    ]);
    await sleep(500);
    expect(ofCamera(frames, yard('hikvision'))).toHaveLength(before);
  });

  it('authenticates as an ANPR push: a wrong secret, another vendor or an ONVIF loading-area camera get 401', async () => {
    const wrongSecret = await cameraOf('hikvision', yard('hikvision'), 'not-the-secret').arrive({
      plate: '鲁L88888',
    });
    const otherVendor = await cameraOf('dahua', yard('hikvision'), secrets[yard('hikvision')]!).arrive({
      plate: '鲁L88888',
    });
    const onvif = await cameraOf('hikvision', yard('onvif'), 'anything').arrive({ plate: '鲁L88888' });
    for (const refused of [wrongSecret, otherVendor, onvif])
      expect([refused.status, JSON.parse(refused.body!)]).toEqual([
        401,
        { code: 'unauthorised', reason: expect.any(String) },
      ]);
  });

  it('rotates a loading-area camera’s push secret: the old one is refused, the new one pushes', async () => {
    const id = yard('dahua');
    const rotated = await harness.api('PATCH', `/devices/${id}`, { rotatePushSecret: true });
    expect(rotated.status).toBe(200);
    const { pushSecret } = (await rotated.json()) as { pushSecret: string };
    expect(pushSecret).not.toBe(secrets[id]);
    expect((await cameraOf('dahua', id).arrive({ plate: '鲁L88888' })).status).toBe(401);
    expect((await cameraOf('dahua', id, pushSecret).arrive({ plate: '鲁L88888' })).status).toBe(200);
    secrets[id] = pushSecret;
  });

  it('leaves an ANPR camera’s push as it was: a plate read and a lane snapshot, no loading-area frame', async () => {
    const camera = cameraOf('hikvision', anprId);
    await camera.arrive({ plate: '皖A00E66' });
    const read = await expectEventually(() => {
      const found = ofCamera(reads, anprId);
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(read.payload).toMatchObject({ plate: { text: '皖A00E66' }, lane: harness.lane });
    await expectEventually(() => expect(ofCamera(laneSnapshots, anprId)).toHaveLength(1));
    await sleep(500);
    expect(ofCamera(frames, anprId)).toEqual([]);
  });
});

/** `yyyy-MM-dd` in Beijing, the lane's site's time zone (Asia/Shanghai, UTC+8, no daylight saving). */
function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
