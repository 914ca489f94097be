import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type DrivingLicenceRead, type InventoryListRead } from '@ecogate/contracts';
import { inferStage } from '@ecogate/domain';
import { parseEnterpriseId } from '@ecogate/persistence';
import { expectEventually } from '@ecogate/testing';
import sharp from 'sharp';
import { type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { memberOf } from '../testing/ledger-test-kit';
import { PlateRecognitionDocumentReader } from './document-reader.client';
import { DocumentReadsService, NOT_CONFIGURED } from './document-reads.service';

/**
 * PLATE-RECOGNITION STAND-IN: a small HTTP server speaking plate recognition's document-reading
 * contract (`POST /documents/{kind}/read`, raw photo body, `@ecogate/contracts` answers), so this
 * spec tests the ledger's side while the real readers are built elsewhere. It answers what the
 * test scripted for the photo's SHA-256, and 503 while `down` (plate recognition unavailable).
 */
class PlateRecognitionStandIn {
  readonly answers = new Map<string, InventoryListRead | DrivingLicenceRead>();
  readonly calls: { path: string; sha256: string; authorization: string | undefined }[] = [];
  down = false;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<PlateRecognitionStandIn> {
    const server = createServer();
    const standIn = new PlateRecognitionStandIn(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const sha256 = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
        standIn.calls.push({ path: request.url ?? '', sha256, authorization: request.headers.authorization });
        const answer = standIn.answers.get(sha256);
        const kind = /^\/documents\/(inventory-list|driving-licence)\/read$/.exec(request.url ?? '')?.[1];
        const status = standIn.down ? 503 : !kind ? 404 : answer?.kind === kind ? 200 : 422;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(status === 200 ? answer : { code: 'stand-in', message: `no answer (${status})` }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const ENTERPRISE = 'ent-docread';
const VIN = 'LFWADRJF7E1A00001';
let standIn: PlateRecognitionStandIn;
let ledger: LedgerHarness;

beforeAll(async () => {
  standIn = await PlateRecognitionStandIn.start();
  ledger = await startLedgerHarness({
    documentReader: new PlateRecognitionDocumentReader({
      baseUrl: standIn.url,
      timeoutMs: 5_000,
      token: { header: () => Promise.resolve('Bearer ledger-service-token') },
    }),
    documentReads: { intervalMs: 100, batch: 5, retryMs: 100, maxRetryMs: 400, leaseMs: 10_000 },
  });
});
afterAll(async () => {
  await ledger?.close();
  await standIn?.close();
});

const admin = () => ledger.as(memberOf(ENTERPRISE, 'enterprise-admin', 'clerk-admin'));
const staff = () => ledger.as(memberOf(ENTERPRISE, 'enterprise-staff', 'clerk-staff'));
const vehiclePath = (plate: string) => `/enterprises/${ENTERPRISE}/vehicles/${encodeURIComponent(plate)}`;
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

let shade = 0;
/** A distinct small JPEG each call (its hash keys the stand-in's answer). */
async function photo(): Promise<Buffer> {
  shade += 1;
  return sharp({ create: { width: 8, height: 8, channels: 3, background: { r: shade, g: 80, b: 160 } } })
    .jpeg()
    .toBuffer();
}
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function register(plate: string, fields: Record<string, unknown>): Promise<void> {
  expect((await admin()(vehiclePath(plate), json('PUT', { plateColour: 'yellow', ...fields }))).status).toBe(
    200,
  );
}

async function upload(plate: string, kind: string, bytes: Buffer): Promise<void> {
  const answer = await staff()(`${vehiclePath(plate)}/documents/${kind}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  expect(answer.status).toBe(200);
}

interface ReadView {
  id: string;
  state: string;
  outcome: string | null;
  reason: string | null;
  attempts: number;
  evidenceId: string | null;
  result: unknown;
}

async function readsOf(plate: string): Promise<ReadView[]> {
  const answer = await ledger.api(
    `/enterprises/${ENTERPRISE}/vehicle-document-reads?plate=${encodeURIComponent(plate)}`,
  );
  expect(answer.status).toBe(200);
  return (answer.body as { items: ReadView[] }).items;
}

/** The plate's newest read once it left the queue. */
const settled = (plate: string) =>
  expectEventually(async () => {
    const [read] = await readsOf(plate);
    expect(read?.state).not.toBe('queued');
    return read as ReadView;
  });

const list = (vin: string, disclosureNumber?: string): InventoryListRead => ({
  kind: 'inventory-list',
  found: true,
  qrText: `vin=${vin};no=${disclosureNumber ?? ''}`,
  vin,
  ...(disclosureNumber ? { disclosureNumber } : {}),
  unreadable: [],
});

describe('vehicle documents read by plate recognition', () => {
  it('turns a 随车清单 of the same VIN into document evidence, and a typed 国VI against it flags the vehicle', async () => {
    const plate = '冀D10001';
    await register(plate, { vin: VIN, stageEvidence: { stage: 'VI', source: 'manual', confirmed: true } });
    const bytes = await photo();
    standIn.answers.set(sha(bytes), list(VIN, 'CNZXG5A0000000001'));
    await upload(plate, 'inventory-list', bytes);

    const read = await settled(plate);
    expect(read).toMatchObject({
      state: 'read',
      outcome: 'stage-recorded',
      reason: expect.stringContaining('国五'),
    });
    expect(standIn.calls.find((call) => call.sha256 === sha(bytes))).toMatchObject({
      path: '/documents/inventory-list/read',
      authorization: 'Bearer ledger-service-token',
    });

    const vehicle = (await ledger.api(vehiclePath(plate))).body as {
      stage: { stage: string; source: string };
      evidence: { stage: string; source: string; documentReadId?: string }[];
      review: { state: string; sources: { source: string; stage: string }[] } | null;
    };
    expect(vehicle.stage).toMatchObject({ stage: 'V', source: 'document' });
    expect(vehicle.evidence.find((e) => e.source === 'document')).toMatchObject({
      stage: 'V',
      documentReadId: read.id,
    });
    expect(vehicle.review).toMatchObject({
      state: 'open',
      sources: [
        { source: 'document', stage: 'V' },
        { source: 'manual', stage: 'VI' },
      ],
    });
    const chained: { kind: string }[] = await ledger.service.dataSource.query(
      `SELECT e."kind" FROM "ledger_chain" e WHERE e."enterprise_id" = $1 AND e."record_id" = $2`,
      [ENTERPRISE, read.evidenceId],
    );
    expect(chained).toEqual([{ kind: 'stage-evidence' }]);

    const open = await ledger.as({ role: 'inspector', subject: 'insp-1', enterprises: [ENTERPRISE] })(
      `/enterprises/${ENTERPRISE}/vehicle-reviews`,
    );
    expect(open.status).toBe(200);
    expect((open.body as { items: { plate: string }[] }).items.map((r) => r.plate)).toContain(plate);

    const resolvePath = `/enterprises/${ENTERPRISE}/vehicle-reviews/${encodeURIComponent(plate)}/resolution`;
    expect((await staff()(resolvePath, json('POST', { note: 'x' }))).status).toBe(403);
    const resolved = await admin()(resolvePath, json('POST', { note: '随车清单为准，人工录入有误' }));
    expect(resolved).toMatchObject({ status: 200, body: { state: 'resolved', resolvedBy: 'clerk-admin' } });
    expect((await admin()(resolvePath, json('POST', { note: 'again' }))).body).toMatchObject({
      code: 'stage-review-not-open',
    });
    const audits: { action: string }[] = await ledger.service.dataSource.query(
      `SELECT "action" FROM "audit_log" WHERE "enterprise_id" = $1 AND "entity_id" = $2 ORDER BY "at"`,
      [ENTERPRISE, plate],
    );
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['document-evidence', 'stage-review-open', 'stage-review-resolve']),
    );
  });

  it('waits while plate recognition is down, showing why, and reads once it is back', async () => {
    const plate = '冀D10002';
    await register(plate, { vin: VIN });
    const bytes = await photo();
    standIn.answers.set(sha(bytes), list(VIN, 'CNZXG6A0000000002'));
    standIn.down = true;
    try {
      await upload(plate, 'inventory-list', bytes);
      await expectEventually(async () => {
        const [read] = await readsOf(plate);
        expect(read).toMatchObject({
          state: 'queued',
          reason: expect.stringContaining('plate recognition unavailable'),
        });
        expect(read?.attempts).toBeGreaterThanOrEqual(2);
      });
    } finally {
      standIn.down = false;
    }
    expect(await settled(plate)).toMatchObject({ state: 'read', outcome: 'stage-recorded', attempts: 0 });
  });

  it('leaves another vehicle’s list, and a PDF, for a person with the reason', async () => {
    const plate = '冀D10003';
    await register(plate, { vin: VIN });
    const bytes = await photo();
    standIn.answers.set(sha(bytes), list('LFWADRJF7E1A00009', 'CNZXG5A0000000003'));
    await upload(plate, 'inventory-list', bytes);
    expect(await settled(plate)).toMatchObject({
      state: 'needs-person',
      outcome: 'vin-mismatch',
      reason: expect.stringContaining('LFWADRJF7E1A00009'),
      evidenceId: null,
    });

    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    const callsBefore = standIn.calls.length;
    await upload(plate, 'driving-licence', pdf);
    const [read] = await readsOf(plate);
    expect(read).toMatchObject({
      state: 'needs-person',
      outcome: 'not-a-photo',
      reason: expect.stringContaining('read photos only'),
    });
    expect(standIn.calls.length).toBe(callsBefore);
  });

  it('suggests the list’s VIN to a vehicle without one, and records the stage once a person confirms it', async () => {
    const plate = '冀D10004';
    await register(plate, {});
    const bytes = await photo();
    standIn.answers.set(sha(bytes), list(VIN, 'CNZXG6A0000000004'));
    await upload(plate, 'inventory-list', bytes);
    const read = await settled(plate);
    expect(read).toMatchObject({ outcome: 'vin-suggested', reason: expect.stringContaining(VIN) });
    expect(
      ((await ledger.api(vehiclePath(plate))).body as { vehicle: { vin: string | null } }).vehicle.vin,
    ).toBeNull();

    const confirmed = await admin()(
      `/enterprises/${ENTERPRISE}/vehicle-document-reads/${read.id}/confirmation`,
      json('POST', {}),
    );
    expect(confirmed).toMatchObject({
      status: 200,
      body: { state: 'confirmed', confirmedBy: 'clerk-admin' },
    });
    const vehicle = (await ledger.api(vehiclePath(plate))).body as {
      vehicle: { vin: string };
      stage: { stage: string; source: string };
    };
    expect(vehicle).toMatchObject({ vehicle: { vin: VIN }, stage: { stage: 'VI', source: 'document' } });
    expect(
      (
        await admin()(
          `/enterprises/${ENTERPRISE}/vehicle-document-reads/${read.id}/confirmation`,
          json('POST', {}),
        )
      ).body,
    ).toMatchObject({ code: 'document-read-not-awaiting' });
  });

  it('shows a 行驶证’s fields with their confidences; the confirmed fields give an inferred stage', async () => {
    const plate = '冀D10005';
    await register(plate, { vin: VIN });
    const bytes = await photo();
    const licence: DrivingLicenceRead = {
      kind: 'driving-licence',
      found: true,
      fields: {
        plate: { value: plate, confidence: 0.97 },
        vehicleType: { value: '重型厢式货车', confidence: 0.88 },
        vin: { value: VIN, confidence: 0.95 },
        registrationDate: { value: '2016-05-02', confidence: 0.91 },
      },
      unreadable: ['engineNo'],
    };
    standIn.answers.set(sha(bytes), licence);
    await upload(plate, 'driving-licence', bytes);
    const read = await settled(plate);
    expect(read).toMatchObject({ state: 'needs-person', outcome: 'licence-read', result: licence });

    const confirmPath = `/enterprises/${ENTERPRISE}/vehicle-document-reads/${read.id}/confirmation`;
    expect((await admin()(confirmPath, json('POST', { category: 'rocket' }))).status).toBe(400);
    expect(
      (await staff()(confirmPath, json('POST', { category: 'heavy-truck', fuel: 'diesel' }))).status,
    ).toBe(403);
    const confirmed = await admin()(confirmPath, json('POST', { category: 'heavy-truck', fuel: 'diesel' }));
    expect(confirmed).toMatchObject({ status: 200, body: { state: 'confirmed' } });

    const expected = inferStage({
      category: 'heavy-truck',
      fuel: 'diesel',
      registrationDate: '2016-05-02',
      at: new Date(),
    });
    if (!expected.ok) throw new Error('a 2016 heavy diesel truck has an inferred stage');
    const vehicle = (await ledger.api(vehiclePath(plate))).body as {
      vehicle: Record<string, unknown>;
      evidence: { stage: string; source: string; confirmedBy?: string }[];
    };
    expect(vehicle.vehicle).toMatchObject({
      registrationDate: '2016-05-02',
      category: 'heavy-truck',
      fuel: 'diesel',
    });
    expect(vehicle.evidence).toEqual([
      expect.objectContaining({ source: 'inferred', stage: expected.value.stage }),
    ]);
    expect(vehicle.evidence[0]?.confirmedBy).toBeUndefined();
  });

  it('backfills the documents stored before reading existed, with progress', async () => {
    const plates = ['冀D10006', '冀D10007'];
    for (const plate of plates) {
      await register(plate, { vin: VIN });
      const bytes = await photo();
      standIn.answers.set(sha(bytes), list(VIN, 'CNZXG6A0000000006'));
      await upload(plate, 'inventory-list', bytes);
      await settled(plate);
    }
    // As if stored before this feature: no read of them yet.
    await ledger.service.dataSource.query(
      `DELETE FROM "vehicle_document_reads" WHERE "enterprise_id" = $1 AND "plate" = ANY($2)`,
      [ENTERPRISE, plates],
    );
    expect(
      (
        await ledger.as({ role: 'inspector', subject: 'i', enterprises: [ENTERPRISE] })(
          `/enterprises/${ENTERPRISE}/vehicle-document-reads`,
          json('POST', {}),
        )
      ).status,
    ).toBe(403);
    const started = await staff()(`/enterprises/${ENTERPRISE}/vehicle-document-reads`, json('POST', {}));
    expect(started).toMatchObject({ status: 202, body: { queued: 2 } });
    const { batchId } = started.body as { batchId: string };
    await expectEventually(async () => {
      const page = await ledger.api(`/enterprises/${ENTERPRISE}/vehicle-document-reads?batchId=${batchId}`);
      expect(page.body).toMatchObject({ progress: { done: 2, total: 2 } });
    });
    // Nothing left unread: a second backfill queues nothing.
    expect(
      (await staff()(`/enterprises/${ENTERPRISE}/vehicle-document-reads`, json('POST', {}))).body,
    ).toMatchObject({
      queued: 0,
    });
  });

  it('shows "not configured" on a queued read while the ledger has no plate recognition', async () => {
    const [row] = (await ledger.service.dataSource.query(
      `SELECT "id" FROM "vehicle_document_reads" WHERE "enterprise_id" = $1 LIMIT 1`,
      [ENTERPRISE],
    )) as { id: string }[];
    await ledger.service.dataSource.query(
      `UPDATE "vehicle_document_reads" SET "state" = 'queued', "reason" = NULL, "due_at" = now() + interval '1 hour' WHERE "id" = $1`,
      [row?.id],
    );
    const unconfigured = new DocumentReadsService(ledger.service.dataSource, false);
    expect(await unconfigured.get(parseEnterpriseId(ENTERPRISE), row?.id ?? '')).toMatchObject({
      state: 'queued',
      reason: NOT_CONFIGURED,
    });
  });
});
