import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type PayloadOf } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type MessagingTransport,
} from '@ecogate/messaging';
import { openPostgresEventLog } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { kafkaTestMessaging } from '@ecogate/testing';
import {
  enterpriseIndicatorsSchema,
  inspectionListSchema,
  inspectionSchema,
} from './inspection/inspection-responses';
import { type Api, type ApiAnswer, type LedgerHarness, startLedgerHarness } from './testing/ledger-harness';
import { LEDGER_IT_CLIENT, type TestCaller } from './testing/ledger-test-kit';
import { seedSyntheticLedger } from './testing/synthetic-ledger';
import { VideoArchiveClient } from './video-archive/video-archive.client';
import { WindowScanFollower, type WindowScanSettings } from './inspection/window-scan-follower';

jest.setTimeout(120_000);

// Issue #16: each sampled window scanned by the video archive (here a small server speaking the
// window-scan contract; the real archive runs in the end-to-end test), the sightings matched to the
// ledger's passages, the archive down at first; outages and violations in the indicators.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
type Json = any;

const ENTERPRISE = 'ent-windows';
const DAYS = { from: '2026-04-01', to: '2026-04-02' };
const GHOST = '冀Z00001';
const inspector: TestCaller = { role: 'inspector', subject: 'inspector-3', enterprises: [ENTERPRISE] };
const elsewhere: TestCaller = { role: 'inspector', subject: 'inspector-4', enterprises: ['ent-other'] };

function body(answer: ApiAnswer, schema: { parse(value: unknown): unknown }, status = 200): Json {
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
  expect(schema.parse(answer.body)).toEqual(answer.body);
  return answer.body as Json;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text));
  });
const reply = (res: ServerResponse, status: number, value: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

/** The archive's side of the contract: refusing scans while `scansDown`, then scans that run once before done. */
class FakeArchive {
  server!: Server;
  url = '';
  refusedRequests = 0;
  /** Until the test brings it back: the follower's retries are seen, whatever the machine's pace. */
  scansDown = true;
  outagesDown = false;
  readonly requests: string[] = [];
  private readonly scans = new Map<
    string,
    { window: { from: string; to: string }; polls: number; plates: object[] }
  >();

  constructor(private readonly platesOf: (window: { from: string; to: string }) => Promise<object[]>) {}

  async start() {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close = () => new Promise<void>((resolve) => this.server.close(() => resolve()));

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const [, , , , enterpriseId, route, scanId] = url.pathname.split('/');
    if (route === 'outages') {
      if (this.outagesDown) return reply(res, 503, {});
      return reply(res, 200, [
        {
          cameraId: 'cam-east',
          from: '2026-04-01T01:00:00.000Z',
          to: '2026-04-01T01:10:00.000Z',
          seconds: 600,
          filed: true,
          filingId: 'f-1',
        },
        {
          cameraId: 'cam-dark',
          from: '2026-04-01T02:00:00.000Z',
          to: '2026-04-01T02:01:00.000Z',
          seconds: 60,
          filed: false,
          filingId: null,
        },
      ]);
    }
    if (req.method === 'POST' && route === 'window-scans') {
      const window = JSON.parse(await readBody(req)) as { from: string; to: string };
      this.requests.push(`${enterpriseId} ${window.from}`);
      if (this.scansDown) {
        this.refusedRequests += 1;
        return reply(res, 503, { code: 'unavailable' });
      }
      const id = `scan-${window.from}`;
      if (!this.scans.has(id)) this.scans.set(id, { window, polls: 0, plates: await this.platesOf(window) });
      return reply(res, 202, { id, status: 'queued' });
    }
    const scan = this.scans.get(decodeURIComponent(scanId ?? ''));
    if (!scan) return reply(res, 404, { code: 'not-found' });
    scan.polls += 1;
    const done = scan.polls > 1;
    return reply(res, 200, {
      id: scanId,
      enterpriseId,
      ...scan.window,
      cameraIds: null,
      status: done ? 'done' : 'running',
      progress: { framesDone: done ? 1200 : 300, framesTotal: 1200 },
      createdAt: new Date().toISOString(),
      ...(done ? { finishedAt: new Date().toISOString() } : {}),
      cameras: [
        { cameraId: 'cam-east', videoSeconds: 600, gapSeconds: 0 },
        { cameraId: 'cam-dark', videoSeconds: 0, gapSeconds: 600 },
      ],
      plates: done ? scan.plates : [],
    });
  }
}

const FAST: WindowScanSettings = {
  intervalMs: 100,
  batch: 10,
  pollMs: 100,
  retryMs: 100,
  maxRetryMs: 400,
  leaseMs: 10_000,
};

describe('inspection windows scanned by the video archive', () => {
  let h: LedgerHarness;
  let archive: FakeArchive;
  let asInspector: Api;
  let transport: MessagingTransport;
  let publisher: ConnectablePublisher;
  /** Per window start: the passage the archive reports filmed in it. */
  const filmed = new Map<string, { id: string; plate: string }>();

  beforeAll(async () => {
    archive = new FakeArchive(async (window) => {
      // The first passage whose entry lies in the window, filmed around its capture; one truck with
      // no passage at all; one read too poor to trust.
      const [passage] = (await h.service.dataSource.query(
        `SELECT "id", "plate", "entry_captured_at" AS "at" FROM "passages"
          WHERE "enterprise_id" = $1 AND "entry_captured_at" >= $2 AND "entry_captured_at" < $3
          ORDER BY "entry_captured_at" LIMIT 1`,
        [ENTERPRISE, window.from, window.to],
      )) as { id: string; plate: string; at: Date }[];
      const sighting = (plate: string, at: number, trusted: boolean) => ({
        plate,
        cameraId: 'cam-east',
        firstSeenAt: new Date(at - 30_000).toISOString(),
        lastSeenAt: new Date(at + 10_000).toISOString(),
        frames: 8,
        bestConfidence: trusted ? 0.96 : 0.41,
        trusted,
        framePath: `/api/video-archive/v1/enterprises/${ENTERPRISE}/frames/${plate}.jpg`,
      });
      const start = Date.parse(window.from);
      const plates = [sighting(GHOST, start + 120_000, true), sighting('冀Z0000?', start + 240_000, false)];
      if (passage) {
        filmed.set(window.from, passage);
        plates.push(sighting(passage.plate, new Date(passage.at).getTime(), true));
      }
      return plates;
    });
    await archive.start();
    h = await startLedgerHarness({
      videoArchive: new VideoArchiveClient({
        baseUrl: archive.url,
        timeoutMs: 2_000,
        token: { header: () => Promise.resolve('Bearer ledger') },
      }),
      windowScans: {
        intervalMs: 100,
        batch: 10,
        pollMs: 100,
        retryMs: 100,
        maxRetryMs: 400,
        leaseMs: 10_000,
      },
    });
    await h.service.ready();
    asInspector = h.as(inspector);
    // A passage every ~1.5 min: every 10-minute window has some.
    await seedSyntheticLedger(h.service.dataSource.manager, {
      enterprises: [ENTERPRISE],
      perEnterprise: 2_000,
      from: new Date(`${DAYS.from}T00:00:00+08:00`),
      days: 2,
      plates: 300,
    });
    transport = await createMessagingTransport(
      kafkaTestMessaging({ clientId: LEDGER_IT_CLIENT, topicPrefix: h.topicPrefix }),
      { logger: createLogger({ service: 'ledger-it', level: 'silent' }), openEventLog: openPostgresEventLog },
    );
    publisher = transport.createPublisher();
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await transport?.close();
    await h?.close();
    await archive?.close();
  });

  const inspection = async (id: string): Promise<Json> =>
    body(await asInspector(`/enterprises/${ENTERPRISE}/inspections/${id}`), inspectionSchema);

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  it('scans every window once the archive is back, and reports the truck with no passage', async () => {
    const created = body(
      await asInspector(`/enterprises/${ENTERPRISE}/inspections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...DAYS, seed: 'windows', windows: 3, windowMinutes: 10 }),
      }),
      inspectionSchema,
      201,
    );
    expect(created.windows.map((w: Json) => w.scan.status)).toEqual([
      'requesting',
      'requesting',
      'requesting',
    ]);

    // The archive refuses the first calls: the window says why, and the follower tries again.
    const retrying = await until(
      () => inspection(created.id),
      (view) => view.windows.some((w: Json) => w.scan.failedCalls > 0),
      'a failed call on a window',
    );
    expect(retrying.windows.find((w: Json) => w.scan.failedCalls > 0).scan.error).toContain(
      'video archive unavailable (retrying)',
    );
    archive.scansDown = false;

    const done = await until(
      () => inspection(created.id),
      (view) => view.windows.every((w: Json) => w.scan.status === 'done'),
      'every window scanned',
    );
    expect(archive.refusedRequests).toBeGreaterThan(0);
    for (const window of done.windows) {
      const passage = filmed.get(window.from);
      expect(passage).toBeDefined();
      expect(window.scan).toMatchObject({
        error: null,
        failedCalls: 0,
        progress: { framesDone: 1200, framesTotal: 1200 },
        camerasWithoutVideo: ['cam-dark'],
        seenWithoutPassage: 1,
        unsure: 1,
        finding: 'vehicles-without-passage',
        marginSeconds: 120,
      });
      const byPlate = (plate: string) => window.scan.sightings.find((s: Json) => s.plate === plate);
      expect(byPlate(GHOST)).toMatchObject({
        finding: 'seen-without-passage',
        passageId: null,
        trusted: true,
      });
      expect(byPlate('冀Z0000?')).toMatchObject({ finding: 'unsure', passageId: null, trusted: false });
      expect(byPlate(passage!.plate)).toMatchObject({ finding: 'in-ledger', passageId: passage!.id });
    }
    // One accepted request per window: a scan, once accepted, is only polled.
    expect(new Set(archive.requests).size).toBe(3);
    expect(archive.requests).toHaveLength(3 + archive.refusedRequests);
    const [row] = (await h.service.dataSource.query(
      `SELECT count(*)::int AS "due" FROM "inspection_items" WHERE "scan_due_at" IS NOT NULL`,
    )) as { due: number }[];
    expect(row?.due).toBe(0);

    const list = body(
      await asInspector(`/enterprises/${ENTERPRISE}/inspections?status=open`),
      inspectionListSchema,
    );
    expect(list.items).toEqual([
      expect.objectContaining({ id: created.id, passages: 8, windows: 3, marked: 0, scanning: 0 }),
    ]);
    // The district-wide list names the enterprise as the directory does (the ledger's copy of it).
    await h.service.dataSource.query(
      `INSERT INTO "enterprise_profiles" ("enterprise_id", "name", "industry", "district_code", "performance_class", "active", "revision", "changed_at", "updated_at")
       VALUES ($1, '唐山某焦化有限公司', 'coking', '130203', 'B', true, 1, now(), now())`,
      [ENTERPRISE],
    );
    const mine = body(await asInspector('/inspections'), inspectionListSchema);
    expect(mine.items.map((i: Json) => [i.id, i.enterpriseName])).toEqual([
      [created.id, '唐山某焦化有限公司'],
    ]);
    const theirs = body(await h.as(elsewhere)('/inspections'), inspectionListSchema);
    expect(theirs.items).toEqual([]);
    expect(
      body(await asInspector(`/enterprises/${ENTERPRISE}/inspections?status=closed`), inspectionListSchema)
        .items,
    ).toEqual([]);
  });

  it('counts each violation once under redelivery, and outages against filings (unavailable, not zero, when the archive is down)', async () => {
    type Violation = PayloadOf<'gate.violation.detected.v1'>;
    const lane = {
      enterpriseId: ENTERPRISE,
      siteId: 'site-1',
      gateId: 'east-1',
      laneId: 'lane-in',
      direction: 'in' as const,
    };
    const violation = (kind: Violation['kind'], at: string): Violation => ({
      violationId: `v-${randomUUID()}`,
      lane,
      kind,
      at,
      details: `${kind} at east-1`,
    });
    const publish = (payload: Violation) =>
      publisher.publish('gate.violation.detected.v1', {
        enterpriseId: ENTERPRISE,
        key: lane.laneId,
        payload,
      });
    const tailgating = violation('tailgating', '2026-04-01T10:00:00+08:00');
    const envelope = await publish(tailgating);
    await publisher.publishEnvelope(envelope, lane.laneId);
    // The same violation in a new envelope (a new event id): the primary key stops it.
    await publish(tailgating);
    await publish(violation('reversing', '2026-04-02T09:00:00+08:00'));
    // Outside the period: not counted.
    await publish(violation('opened-without-decision', '2026-04-05T09:00:00+08:00'));
    const last = violation('opened-without-decision', '2026-04-02T23:00:00+08:00');
    await publish(last);
    await until(
      async () =>
        (await h.service.dataSource.query(`SELECT 1 FROM "gate_violations" WHERE "violation_id" = $1`, [
          last.violationId,
        ])) as unknown[],
      (rows) => rows.length === 1,
      'the last violation stored',
    );

    const [created] = body(
      await asInspector(`/enterprises/${ENTERPRISE}/inspections`),
      inspectionListSchema,
    ).items;
    const indicators = body(
      await asInspector(`/enterprises/${ENTERPRISE}/inspections/${created.id}/indicators`),
      enterpriseIndicatorsSchema,
    );
    expect(indicators.violations).toEqual({
      tailgating: 1,
      cuttingIn: 0,
      reversing: 1,
      uTurn: 0,
      openedWithoutDecision: 1,
      other: 0,
      total: 3,
    });
    expect(indicators.outages).toEqual({
      status: 'available',
      count: 2,
      seconds: 660,
      filed: 1,
      unfiled: 1,
      unfiledSeconds: 60,
      camerasUnfiled: ['cam-dark'],
    });
    const listed = await h.api(
      `/enterprises/${ENTERPRISE}/violations?from=${encodeURIComponent('2026-04-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-04-03T00:00:00+08:00')}`,
    );
    expect((listed.body as Json).items.map((v: Json) => v.kind)).toEqual([
      'opened-without-decision',
      'reversing',
      'tailgating',
    ]);

    archive.outagesDown = true;
    const down = body(
      await asInspector(`/enterprises/${ENTERPRISE}/inspections/${created.id}/indicators`),
      enterpriseIndicatorsSchema,
    );
    expect(down.outages).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('503') });
    expect(down.violations.total).toBe(3);
  });

  it('shares the windows between replicas: each scan requested once', async () => {
    // A second replica's follower on the same database, polling as often as the service's own.
    const replica = new WindowScanFollower(
      h.service.dataSource,
      new VideoArchiveClient({
        baseUrl: archive.url,
        timeoutMs: 2_000,
        token: { header: () => Promise.resolve('Bearer ledger') },
      }),
      createLogger({ service: 'ledger-it-replica', level: 'silent' }),
      FAST,
    );
    replica.start();
    try {
      const before = archive.requests.length;
      const created = body(
        await asInspector(`/enterprises/${ENTERPRISE}/inspections`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...DAYS, seed: 'replicas', windows: 3, windowMinutes: 5 }),
        }),
        inspectionSchema,
        201,
      );
      await until(
        () => inspection(created.id),
        (view) => view.windows.every((w: Json) => w.scan.status === 'done'),
        'every window scanned',
      );
      expect(archive.requests.slice(before)).toHaveLength(3);
    } finally {
      await replica.stop();
    }
  });
});
