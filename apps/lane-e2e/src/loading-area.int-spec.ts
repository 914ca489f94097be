import { randomUUID } from 'node:crypto';
import { OnvifDeviceSimulator } from '@ecogate/camera-simulator';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { LaneChain } from './harness/lane-chain';
import { SITE_ID } from './harness/lane-topology';

// Issue #17, loading areas: a truck that never passed the gate is shown to a loading-area camera
// (the ONVIF simulator's snapshot) → camera-ingest's periodic snapshot → plate-recognition's
// sighting → the ledger's anomaly, with its evidence, within one snapshot period of the frame.
jest.setTimeout(240_000);

const ENT = `e2e-la-${randomUUID().slice(0, 6)}`;
const CAMERA = `${ENT}-yard`;
const SNAPSHOT_PERIOD_MS = 10_000;
/** The simulator's scene 5 (`we_16.jpg`): a black plate the recogniser reads as trusted. */
const SCENE = 5;
const PLATE = '鲁L88888';

interface Anomaly {
  anomalyId: string;
  kind: string;
  plate: string;
  at: string;
  detectedAt: string;
  reason: string;
  evidence: {
    sightingId: string | null;
    cameraId: string | null;
    frame: { key: string } | null;
    crop: { key: string } | null;
    passageIds: string[];
    refusalIds: string[];
    searchedFrom: string | null;
  };
}

describe('loading areas end to end (cluster profile)', () => {
  const infra = loadInfraEnv();
  const logger = createLogger({ service: 'lane-e2e', level: 'silent' });
  const account = { username: 'admin', password: `Yard-${randomUUID().slice(0, 8)}` };
  const yard = new OnvifDeviceSimulator({ account, snapshotIndex: SCENE });
  let chain: LaneChain;

  beforeAll(async () => {
    chain = await LaneChain.start({
      infra,
      logger,
      plateRecognition: true,
      enterprises: [
        {
          enterpriseId: ENT,
          alertLevel: 'none',
          // The site's one gate lane; no truck passes it. The loading-area camera stands on the site.
          lanes: [{ gateId: 'north', laneId: 'n-in', direction: 'in' }],
          vehicles: [],
        },
      ],
      ingestEnv: {
        LOADING_AREA_SNAPSHOT_PERIOD_MS: String(SNAPSHOT_PERIOD_MS),
        LOADING_AREA_DEVICE_REFRESH_MS: '300',
        ONVIF_DEVICE_REFRESH_MS: '300',
      },
    });
  }, 240_000);

  afterAll(() =>
    releaseAll(
      () => chain?.stop(),
      () => yard.stop(),
    ),
  );

  it('raises seen-without-entry with the frame, the crop and the day searched, and no lane read', async () => {
    const address = await yard.start();
    const registered = await fetch(`${chain.ingestApiUrl}/api/v1/enterprises/${ENT}/devices`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: await chain.bearer('city-operator', ENT),
      },
      body: JSON.stringify({
        id: CAMERA,
        siteId: SITE_ID,
        kind: 'loading-area-camera',
        vendor: 'onvif',
        name: 'Loading area 1',
        address,
        credentials: account,
      }),
    });
    expect(registered.status).toBe(201);

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = () => new Date(Date.now() + 3_600_000).toISOString();
    const anomaly = await expectEventually(
      async () => {
        const reply = await chain.ledger(ENT, `loading-area-anomalies?from=${from}&to=${to()}`);
        expect(reply.status).toBe(200);
        const items = (reply.body as { items: Anomaly[] }).items;
        expect(items.map((a) => a.kind)).toEqual(['seen-without-entry']);
        return items[0]!;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    expect(anomaly).toMatchObject({
      plate: PLATE,
      evidence: { cameraId: CAMERA, passageIds: [], refusalIds: [] },
    });
    expect(anomaly.evidence.frame?.key).toMatch(new RegExp(`^${ENT}/.+/loading-area/[0-9a-f]{64}\\.jpg$`));
    expect(anomaly.evidence.crop?.key).toMatch(new RegExp(`^${ENT}/.+/plate/[0-9a-f]{64}\\.jpg$`));
    expect(anomaly.evidence.searchedFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Within one snapshot period of the frame it rests on (the anomaly's `at` is the sighting's).
    const latencyMs = Date.parse(anomaly.detectedAt) - Date.parse(anomaly.at);
    expect(latencyMs).toBeGreaterThanOrEqual(0);
    expect(latencyMs).toBeLessThan(SNAPSHOT_PERIOD_MS);

    // The sighting is listed with its evidence, and the anomaly was published.
    const sightings = await chain.ledger(
      ENT,
      `loading-area-sightings?from=${from}&to=${to()}&plate=${encodeURIComponent(PLATE)}`,
    );
    expect((sightings.body as { items: { sightingId: string }[] }).items[0]?.sightingId).toBe(
      anomaly.evidence.sightingId,
    );
    await expectEventually(() =>
      expect(chain.tap.events('loading-area.anomaly.detected.v1').map((e) => e.payload.anomalyId)).toContain(
        anomaly.anomalyId,
      ),
    );

    // Later frames of the same truck are more sightings of the same anomaly, not new ones; and the
    // loading area never produced a lane read (nothing of it reaches a barrier).
    await expectEventually(
      async () => {
        const seen = await chain.ledger(ENT, `loading-area-sightings?from=${from}&to=${to()}`);
        expect((seen.body as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(2);
      },
      { timeoutMs: SNAPSHOT_PERIOD_MS * 3, intervalMs: 500 },
    );
    const again = await chain.ledger(ENT, `loading-area-anomalies?from=${from}&to=${to()}`);
    expect((again.body as { items: Anomaly[] }).items.map((a) => a.anomalyId)).toEqual([anomaly.anomalyId]);
    expect(chain.tap.events('anpr.plate.read.v1').filter((e) => e.payload.cameraId === CAMERA)).toEqual([]);
    expect(chain.tap.events('gate.barrier.decided.v1')).toEqual([]);
  });
});
