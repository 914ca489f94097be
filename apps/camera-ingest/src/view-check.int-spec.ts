import { CameraSimulator, OnvifDeviceSimulator } from '@ecogate/camera-simulator';
import { footageFrame, type FootageVariant } from '@ecogate/camera-tamper/testing';
import { type PayloadOf } from '@ecogate/contracts';
import { expectEventually, releaseAll } from '@ecogate/testing';
import { type ReferenceViewHistory, type ReferenceViewView } from './tamper/reference-view.dto';
import { CameraIngestHarness } from './testing/camera-ingest-harness';

const CHECK_MS = 1_000;
const FROZEN_AFTER_MS = 4_000;
const account = { username: 'admin', password: 'View-It-1' };

describe('view check: reference views and tampering of simulated ONVIF and Hikvision cameras (Postgres, Kafka, MinIO)', () => {
  const harness = new CameraIngestHarness({ name: 'view_check', consume: ['camera.status.changed.v1'] });
  const { api, enterprise } = harness;
  const camera = new OnvifDeviceSimulator({ account });
  const cameraId = `${enterprise}-yard`;
  /** A Hikvision camera: its picture over ISAPI (digest), no ONVIF. */
  const hikvision = new CameraSimulator({ vendor: 'hikvision', pushUrl: 'http://127.0.0.1:1', account });
  const hikvisionId = `${enterprise}-hik`;
  const statuses = harness.received('camera.status.changed.v1');
  const changes = (): PayloadOf<'camera.status.changed.v1'>[] =>
    statuses.map((event) => event.payload).filter((status) => status.cameraId === cameraId);
  const scene = camera.snapshot;
  const VARIANTS: readonly FootageVariant[] = ['day', 'night', 'covered-cloth', 'shifted', 'blurred'];
  const footage = new Map<FootageVariant, Buffer[]>();
  /** One frame served again and again: a frozen picture. */
  let still: Buffer;
  /** What the camera shows: a live camera's frames (two, each with its own sensor noise, in turn), made before the service runs. */
  const show = (variant: FootageVariant) => camera.showView(footage.get(variant));
  const as = (role: 'enterprise-admin' | 'enterprise-staff' | 'city-operator' | 'inspector') =>
    harness.issuer.bearer({ role, subject: `${role}-1`, enterprises: [enterprise] });
  const takeView = async (
    reason: string,
    role: 'enterprise-admin' | 'city-operator' = 'enterprise-admin',
  ) => {
    const response = await api('POST', `/devices/${cameraId}/reference-view`, { reason }, await as(role));
    expect(response.status).toBe(201);
    return (await response.json()) as ReferenceViewView;
  };
  /**
   * Waits for the camera's next change (the ones before `seen` are old). It comes two checks after the
   * view changed (about 2-3 s here); the wait is generous because the shared test machine may be slow.
   */
  const nextChange = async (seen: number) =>
    expectEventually(
      () => {
        const change = changes()[seen];
        expect(change).toBeDefined();
        return change as PayloadOf<'camera.status.changed.v1'>;
      },
      { timeoutMs: 60_000 },
    );

  beforeAll(async () => {
    for (const variant of VARIANTS) {
      const frames = [];
      for (const seed of [1, 2]) frames.push((await footageFrame(scene, variant, seed)).image);
      footage.set(variant, frames);
    }
    still = (await footageFrame(scene, 'day', 9)).image;
    const url = await camera.start();
    show('day');
    const hikvisionUrl = await hikvision.start();
    hikvision.showView(footage.get('day')!);
    await harness.start({
      VIEW_CHECK_INTERVAL_MS: String(CHECK_MS),
      VIEW_CHECK_CONFIRM_CHECKS: '2',
      VIEW_CHECK_FROZEN_AFTER_MS: String(FROZEN_AFTER_MS),
      ONVIF_REQUEST_TIMEOUT_MS: '2000',
    });
    await harness.addLane();
    for (const [id, vendor, address] of [
      [cameraId, 'onvif', url],
      // A Dahua camera's snapshots are not spoken yet (snapshot.cgi).
      [`${enterprise}-anpr`, 'dahua', url],
      [hikvisionId, 'hikvision', hikvisionUrl],
    ] as const) {
      const response = await api('POST', '/devices', {
        id,
        // A loading-area camera stands on the site, an ANPR camera on the lane.
        ...(vendor === 'onvif' ? { siteId: harness.lane.siteId } : { laneId: harness.lane.laneId }),
        kind: vendor === 'onvif' ? 'loading-area-camera' : 'anpr-camera',
        vendor,
        name: id,
        address,
        credentials: account,
        ...(vendor === 'onvif' ? {} : { allowedSources: ['127.0.0.1'] }),
      });
      expect(response.status).toBe(201);
    }
  }, 180_000);

  afterAll(() =>
    releaseAll(
      () => harness.close(),
      () => camera.stop(),
      () => hikvision.stop(),
    ),
  );

  it('lets only the roles that commission cameras take a reference view, with a reason', async () => {
    const path = `/devices/${cameraId}/reference-view`;
    const reason = { reason: 'commissioning' };
    expect((await api('POST', path, reason, await as('enterprise-staff'))).status).toBe(403);
    expect((await api('POST', path, reason, await as('inspector'))).status).toBe(403);
    expect((await api('POST', path, {}, await as('enterprise-admin'))).status).toBe(400);
    const elsewhere = await harness.issuer.bearer({ role: 'enterprise-admin', enterprises: ['other-ent'] });
    expect((await api('POST', path, reason, elsewhere)).status).toBe(404);
    expect(
      (await api('POST', `/devices/nope/reference-view`, reason, await as('enterprise-admin'))).status,
    ).toBe(404);
    const anpr = await api(
      'POST',
      `/devices/${enterprise}-anpr/reference-view`,
      reason,
      await as('city-operator'),
    );
    expect([anpr.status, ((await anpr.json()) as { code: string }).code]).toEqual([
      409,
      'snapshot-unsupported',
    ]);
    const none = (await (
      await api('GET', path, undefined, await as('inspector'))
    ).json()) as ReferenceViewHistory;
    expect(none).toEqual({ current: null, history: [] });
  });

  it('takes the reference view from the camera snapshot and keeps who, when and why', async () => {
    const view = await takeView('commissioning of the loading area');
    expect(view).toMatchObject({
      cameraId,
      takenBy: 'enterprise-admin-1',
      takenByRole: 'enterprise-admin',
      reason: 'commissioning of the loading area',
      replacedAt: null,
    });
    // The image stored is a frame the camera served.
    const stored = await harness.stored(view.image.key);
    expect(footage.get('day')!.some((frame) => frame.equals(stored))).toBe(true);
    expect(view.image.key).toContain('/reference-view/');
    // A site-only camera's images go to its site's date folder.
    expect(view.image.key.startsWith(`${enterprise}/${harness.lane.siteId}/`)).toBe(true);
    const history = (await (
      await api('GET', `/devices/${cameraId}/reference-view`, undefined, await as('inspector'))
    ).json()) as ReferenceViewHistory;
    expect(history).toEqual({ current: view, history: [view] });
    // Its picture, through a short-lived link; not to another enterprise.
    const imagePath = `/devices/${cameraId}/reference-view/${view.id}/image`;
    const image = await api('GET', imagePath, undefined, await as('inspector'));
    expect(image.status).toBe(200);
    expect(Buffer.from(await image.arrayBuffer()).equals(stored)).toBe(true);
    const other = 'ent-other-view';
    const otherAdmin = await harness.issuer.bearer({
      role: 'enterprise-admin',
      subject: 'x',
      enterprises: [other],
    });
    expect((await api('GET', imagePath, undefined, otherAdmin, other)).status).toBe(404);
  });

  it('says nothing while the scene is the same at night, and reports a covered camera, then its recovery', async () => {
    show('night');
    // Five checks of the night scene (more than twice what a change needs to be confirmed): nothing.
    const served = camera.snapshotsServed;
    await expectEventually(() => expect(camera.snapshotsServed).toBeGreaterThanOrEqual(served + 5), {
      timeoutMs: 60_000,
    });
    expect(changes()).toEqual([]);

    show('covered-cloth');
    const coveredAt = Date.now();
    const covered = await nextChange(0);
    // Two checks a second apart confirm it (about 2 s); the bound leaves room for a slow machine.
    expect(Date.parse(covered.at) - coveredAt).toBeLessThan(15_000);
    const reference = (await (
      await api('GET', `/devices/${cameraId}/reference-view`, undefined, await as('inspector'))
    ).json()) as ReferenceViewHistory;
    expect(covered).toMatchObject({
      status: 'tampered',
      reason: 'view-changed',
      enterpriseId: enterprise,
      tamper: { kind: 'covered', referenceKey: reference.current?.image.key },
    });
    // The "after" image is the frame that decided it (one the camera showed covered), stored.
    const after = await harness.stored(covered.tamper!.currentKey);
    expect(footage.get('covered-cloth')!.some((frame) => frame.equals(after))).toBe(true);
    expect(covered.tamper!.currentKey).toContain('/view-check/');

    show('day');
    expect(await nextChange(1)).toMatchObject({
      status: 'recovered',
      reason: 'view-restored',
      tamper: { kind: 'covered' },
    });
  }, 240_000);

  it('reports a re-aimed camera as shifted', async () => {
    show('shifted');
    const shiftedAt = Date.now();
    const shifted = await nextChange(2);
    expect(shifted).toMatchObject({ status: 'tampered', tamper: { kind: 'shifted' } });
    expect(Date.parse(shifted.at) - shiftedAt).toBeLessThan(15_000);
    show('day');
    expect(await nextChange(3)).toMatchObject({ status: 'recovered', tamper: { kind: 'shifted' } });
  }, 180_000);

  it('reports a camera put out of focus as blurred', async () => {
    show('blurred');
    const blurredAt = Date.now();
    const blurred = await nextChange(4);
    expect(blurred).toMatchObject({ status: 'tampered', tamper: { kind: 'blurred' } });
    expect(Date.parse(blurred.at) - blurredAt).toBeLessThan(15_000);
    show('day');
    expect(await nextChange(5)).toMatchObject({ status: 'recovered', tamper: { kind: 'blurred' } });
  }, 180_000);

  it('reports a frozen picture (the same frame for the configured time)', async () => {
    camera.showView(still);
    expect(await nextChange(6)).toMatchObject({
      status: 'tampered',
      tamper: { kind: 'frozen' },
    });
    show('day');
    expect(await nextChange(7)).toMatchObject({ status: 'recovered', tamper: { kind: 'frozen' } });
  }, 180_000);

  it('keeps every take when the view is re-taken, which only the city may do', async () => {
    const refused = await api(
      'POST',
      `/devices/${cameraId}/reference-view`,
      { reason: 'we moved it' },
      await as('enterprise-admin'),
    );
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'retake-needs-city' });
    const before = await takeView('camera moved for the new weighbridge', 'city-operator');
    const history = (await (
      await api('GET', `/devices/${cameraId}/reference-view`, undefined, await as('enterprise-admin'))
    ).json()) as ReferenceViewHistory;
    expect(history.current).toEqual(before);
    expect(history.history).toHaveLength(2);
    expect(history.history[1]).toMatchObject({
      reason: 'commissioning of the loading area',
      replacedAt: before.takenAt,
    });
  });

  it('takes a Hikvision camera’s view over ISAPI and reports it covered, then recovered', async () => {
    const response = await api(
      'POST',
      `/devices/${hikvisionId}/reference-view`,
      { reason: 'commissioning of the exit camera' },
      await as('city-operator'),
    );
    expect(response.status).toBe(201);
    const view = (await response.json()) as ReferenceViewView;
    const stored = await harness.stored(view.image.key);
    expect(footage.get('day')!.some((frame) => frame.equals(stored))).toBe(true);

    const hikvisionChanges = () =>
      statuses.map((event) => event.payload).filter((status) => status.cameraId === hikvisionId);
    hikvision.showView(footage.get('covered-cloth')!);
    const covered = await expectEventually(
      () => {
        const [change] = hikvisionChanges();
        expect(change).toBeDefined();
        return change!;
      },
      { timeoutMs: 60_000 },
    );
    expect(covered).toMatchObject({ status: 'tampered', tamper: { kind: 'covered' } });
    hikvision.showView(footage.get('day')!);
    await expectEventually(
      () => expect(hikvisionChanges()[1]).toMatchObject({ status: 'recovered', tamper: { kind: 'covered' } }),
      { timeoutMs: 60_000 },
    );
  }, 180_000);
});
