import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type AlertView, type AlertViewItem, alertViewSchema } from '@ecogate/contracts';
import { expectEventually, releaseAll } from '@ecogate/testing';
import { type Browser } from './testing/gateway-test-kit';
import { LiveStreamClient } from './testing/live-stream-client';
import { startTestGateway, type TestGateway } from './testing/test-gateway';

// The alert view's stream through the whole gateway: the ledger's snapshot read as the caller
// (their token, their district), pushed at once, and pushed again when a refusal comes in during
// the alert; who may watch. The ledger is a stand-in answering scripted views (the ledger's own
// int spec tests what the view counts).
jest.setTimeout(120_000);

const DISTRICT = '130102';
const PATH = '/api/live/v1/alert-view';
const SINCE = '2026-12-07T08:00:00.000Z';

const refusal = (plate: string, at: string): AlertViewItem => ({
  id: `r-${plate}`,
  kind: 'refused',
  plate,
  plateColour: 'yellow',
  at,
  gateId: 'east-1',
  laneId: 'lane-in',
  reasons: ['stage-below-minimum'],
  stage: 'IV',
});

/** The view the stand-in ledger answers: one enterprise under red alert with these refusals. */
const viewOf = (items: readonly AlertViewItem[]): AlertView => ({
  at: new Date().toISOString(),
  districtCode: DISTRICT,
  itemLimit: 20,
  total: {
    enterprises: 1,
    refused: items.length,
    belowMinimumEntered: 0,
    unknownStageAdmitted: 0,
    camerasOffline: 0,
    camerasTampered: 0,
  },
  districts: [
    {
      districtCode: DISTRICT,
      counts: {
        refused: items.length,
        belowMinimumEntered: 0,
        unknownStageAdmitted: 0,
        camerasOffline: 0,
        camerasTampered: 0,
      },
      enterprises: [
        {
          enterpriseId: 'ent-alert-1',
          name: '焦化一厂',
          level: 'red',
          since: SINCE,
          counts: {
            refused: items.length,
            belowMinimumEntered: 0,
            unknownStageAdmitted: 0,
            camerasOffline: 0,
            camerasTampered: 0,
          },
          items: [...items],
          offlineCameras: [],
          tamperedCameras: [],
        },
      ],
    },
  ],
});

const claimsOf = (authorization: string | undefined): { role?: string; sub?: string } =>
  JSON.parse(Buffer.from(authorization?.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    role?: string;
    sub?: string;
  };

describe('the alert view stream through the gateway', () => {
  let ledger: Server;
  let t: TestGateway;
  let operator: Browser;
  let staff: Browser;
  const refusals: AlertViewItem[] = [refusal('冀B10001', '2026-12-07T09:00:00.000Z')];
  const asked: { url: string; role?: string; sub?: string }[] = [];
  let ledgerDown = false;
  const open: LiveStreamClient[] = [];

  beforeAll(async () => {
    ledger = createServer((req, res) => {
      asked.push({ url: req.url ?? '', ...claimsOf(req.headers.authorization) });
      if (ledgerDown) {
        res
          .writeHead(503, { 'content-type': 'application/json' })
          .end('{"code":"unavailable","reason":"down"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(viewOf(refusals)));
    });
    await new Promise<void>((resolve) => ledger.listen(0, '127.0.0.1', resolve));
    t = await startTestGateway({
      bus: 'embedded',
      idleSeconds: 600,
      upstreams: { ledger: `http://127.0.0.1:${(ledger.address() as AddressInfo).port}` },
      live: { alertViewIntervalMs: 200, heartbeatMs: 300 },
    });
    await t.gateway.ready();
    await t.registerEnterprise('ent-alert-1', DISTRICT);
    [operator, staff] = await Promise.all([
      t.signedIn({ username: 'operator-alert', role: 'city-operator' }),
      t.signedIn({ username: 'staff-alert', role: 'enterprise-staff', enterpriseId: 'ent-alert-1' }),
    ]);
  });

  afterAll(() =>
    releaseAll(
      ...open.map((stream) => () => stream.close()),
      () => t?.close(),
      () => new Promise<void>((resolve) => (ledger ? ledger.close(() => resolve()) : resolve())),
    ),
  );

  const watch = async (browser: Browser, query = `?districtCode=${DISTRICT}`) => {
    const stream = await LiveStreamClient.open(t.gateway.url, `${PATH}${query}`, browser);
    open.push(stream);
    return stream;
  };
  const snapshots = (stream: LiveStreamClient) =>
    stream.data('snapshot').map((data) => alertViewSchema.parse(data));

  it('pushes the snapshot at once and a new refusal within the period, read as the caller', async () => {
    const stream = await watch(operator);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await expectEventually(() => expect(snapshots(stream)).toHaveLength(1));
    expect(snapshots(stream)[0]!.total.refused).toBe(1);
    // The ledger was asked as the operator, for the district asked.
    expect(asked.at(-1)).toMatchObject({
      url: `/api/v1/alert-view?districtCode=${DISTRICT}`,
      role: 'city-operator',
    });

    // Reads that find nothing new send nothing.
    const readsBefore = asked.length;
    await expectEventually(() => expect(asked.length).toBeGreaterThan(readsBefore + 2));
    expect(snapshots(stream)).toHaveLength(1);

    refusals.unshift(refusal('冀B10002', '2026-12-07T09:05:00.000Z'));
    await expectEventually(() => expect(snapshots(stream)).toHaveLength(2));
    const latest = snapshots(stream)[1]!;
    expect(latest.total.refused).toBe(2);
    expect(latest.districts[0]!.enterprises[0]!.items[0]).toMatchObject({
      plate: '冀B10002',
      kind: 'refused',
    });
    const [firstId, secondId] = stream.ids();
    expect(firstId).not.toBe(secondId);

    // A reconnect starts with the whole view again: nothing to replay.
    const again = await watch(operator);
    await expectEventually(() => expect(snapshots(again)).toHaveLength(1));
    expect(snapshots(again)[0]!.total.refused).toBe(2);
    expect(again.ids()[0]).toBe(secondId);
  });

  it('admits city roles only, refuses a malformed district, and says when the ledger cannot answer', async () => {
    const refused = await watch(staff);
    expect(refused.status).toBe(403);
    const anonymous = await LiveStreamClient.open(t.gateway.url, PATH);
    expect(anonymous.status).toBe(401);
    const malformed = await watch(operator, '?districtCode=13');
    expect({ status: malformed.status, refusal: malformed.refusal }).toMatchObject({
      status: 400,
      refusal: { code: 'invalid-request' },
    });
    ledgerDown = true;
    try {
      const down = await watch(operator);
      expect({ status: down.status, refusal: down.refusal }).toMatchObject({
        status: 503,
        refusal: { code: 'live-unavailable' },
      });
    } finally {
      ledgerDown = false;
    }
  });
});
