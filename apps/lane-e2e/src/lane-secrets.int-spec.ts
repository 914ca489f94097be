import { randomUUID } from 'node:crypto';
import { OnvifDeviceSimulator } from '@ecogate/camera-simulator';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { arriveUntilDelivered } from './harness/arrivals';
import { LANE_PROFILES, LaneChain, type LaneProfile } from './harness/lane-chain';
import { type EnterpriseSpec } from './harness/lane-topology';

// A full lane run with every secret the services are given or issue, then a grep of everything
// every process printed (stdout and stderr, migrations included) for each of them. On both profiles:
// the cluster's secrets (Kafka SASL password, S3 secret key) and the embedded one's (the event log
// URL's password, SIGNED_LINK_SECRET).
jest.setTimeout(150_000);

const run = randomUUID().slice(0, 6);
const ENT = `e2e-s-${run}`;
const CAMERA_PASSWORD = `Onvif-Pass-${randomUUID().slice(0, 8)}`;
const ENTERPRISES: EnterpriseSpec[] = [
  {
    enterpriseId: ENT,
    alertLevel: 'none',
    lanes: [{ gateId: 'north', laneId: 'n-in', direction: 'in' }],
    vehicles: [{ plate: '冀A66666', stage: 'VI', category: 'heavy-truck', fuel: 'diesel' }],
  },
];

describe.each(LANE_PROFILES)(
  'no secret of a lane run on the %s profile reaches any log',
  (profile: LaneProfile) => {
    const infra = loadInfraEnv();
    const logger = createLogger({ service: 'lane-e2e', level: 'silent' });
    // An ONVIF camera with a login, whose snapshot URI points at another host (refused, logged).
    const onvif = new OnvifDeviceSimulator({
      account: { username: 'admin', password: CAMERA_PASSWORD },
      snapshotUri: 'http://127.0.0.2:9/onvif/snapshot.jpg',
    });
    let chain: LaneChain;

    beforeAll(async () => {
      chain = await LaneChain.start({
        infra,
        profile,
        enterprises: ENTERPRISES,
        logger,
        pushSecretInPath: true,
        ingestEnv: { ONVIF_DEVICE_REFRESH_MS: '300', ONVIF_POLL_INTERVAL_MS: '300' },
      });
    }, 240_000);

    afterAll(() =>
      releaseAll(
        () => chain?.stop(),
        () => onvif.stop(),
      ),
    );

    const registry = async (path: string, body: unknown) =>
      fetch(`${chain.ingestApiUrl}/api/v1/enterprises/${ENT}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: await chain.bearer('city-operator', ENT),
        },
        body: JSON.stringify(body),
      });

    it('runs the lane with path secrets, an ONVIF camera and refusals, and logs none of the secrets', async () => {
      // 1. A truck through the gate, the camera's secret in the push URL.
      await arriveUntilDelivered(chain.camera(ENT, 'n-in'), { plate: '冀A66666', colour: 'yellow' });
      await expectEventually(async () => {
        const reply = await chain.ledger(ENT, `passages?plate=${encodeURIComponent('冀A66666')}`);
        expect((reply.body as { items: unknown[] }).items).toHaveLength(1);
      });

      // 2. A push with a wrong path secret (refused and logged).
      const pushBase = `${chain.urls.get('camera-ingest')}/push/hikvision/${ENT}-n-in`;
      expect((await fetch(`${pushBase}/Wrong-Secret-123`, { method: 'POST', body: 'x' })).status).toBe(401);

      // 3. An ONVIF camera with a login: supervised; its foreign snapshot URI is refused and logged.
      const address = await onvif.start();
      const credentials = { username: 'admin', password: CAMERA_PASSWORD };
      const device = {
        laneId: 'n-in',
        kind: 'overview-camera',
        vendor: 'onvif',
        name: 'ONVIF n-in',
        credentials,
      };
      expect((await registry('/devices', { ...device, id: `${ENT}-onvif`, address })).status).toBe(201);
      // A device outside the site's networks is refused at registration (400 {code, reason}).
      const outside = await registry('/devices', { ...device, id: `${ENT}-far`, address: 'http://8.8.8.8/' });
      expect(outside.status).toBe(400);
      expect(await outside.json()).toMatchObject({ code: 'device-address-not-allowed' });
      const ingest = chain.service('camera-ingest');
      await ingest.waitFor(
        (l) => l.msg === 'camera status changed' && l['deviceId'] === `${ENT}-onvif`,
        30_000,
      );
      // Events raised before the pull-point subscription exists are lost: trigger until one is seen.
      await expectEventually(
        () => {
          onvif.trigger('digital-input', false);
          onvif.trigger('digital-input', true);
          expect(ingest.logs().some((l) => l.msg === 'ONVIF snapshot capture failed')).toBe(true);
        },
        { timeoutMs: 30_000, intervalMs: 1_000 },
      );

      // Stopped first, so shutdown lines are in the logs too.
      await chain.stop();
      const secrets = [...chain.secrets, CAMERA_PASSWORD, 'Wrong-Secret-123'];
      expect(secrets.length).toBeGreaterThanOrEqual(6);
      const logs = chain.processes.map((p) => `----- ${p.options.app}\n${p.allOutput()}`).join('\n');
      // The refusals and the ONVIF failure were logged (the grep below has something to look at).
      expect(logs).toContain('ONVIF snapshot capture failed');
      expect(logs).toContain('device-address-not-allowed');
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThan(3);
        const at = logs.indexOf(secret);
        if (at >= 0) throw new Error(`a secret is in the logs: …${logs.slice(Math.max(0, at - 200), at)}`);
      }
    });
  },
);
