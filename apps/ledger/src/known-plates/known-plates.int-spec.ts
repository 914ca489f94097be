import { randomUUID } from 'node:crypto';
import { KNOWN_PLATES_LIMIT, knownPlatesSchema, type PayloadOf } from '@ecogate/contracts';
import { buildEnvelope, type EventContext } from '@ecogate/messaging';
import { createLogger } from '@ecogate/telemetry';
import { RecordDecisionService } from '../record-decision/record-decision.service';
import { type Api, type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { aDecision, memberOf } from '../testing/ledger-test-kit';

jest.setTimeout(60_000);

/**
 * `GET known-plates` against the real service and Postgres: which plates a site knows, whose token
 * may ask, and that another enterprise's or another site's plates never leak into the answer.
 */
const A = 'ent-known-a';
const B = 'ent-known-b';
const DAY = 86_400_000;
const context = (): EventContext => ({
  topic: 'gate.barrier.decided.v1',
  partition: 0,
  offset: '0',
  key: null,
  attempt: 1,
  claim: () => Promise.resolve(true),
});

let ledger: LedgerHarness;
let asPlateRecognition: Api;

async function record(
  decision: Partial<PayloadOf<'gate.barrier.decided.v1'>> & { enterpriseId: string; siteId?: string },
  daysAgo = 1,
): Promise<void> {
  const { siteId = 'site-1', ...rest } = decision;
  const at = new Date(Date.now() - daysAgo * DAY).toISOString();
  const payload = aDecision({ decisionId: `d-${randomUUID()}`, capturedAt: at, decidedAt: at, ...rest });
  const lane = { ...payload.lane, siteId };
  // A camera clock 40 days behind is believed (the default bound is a week): the old passage keeps its day.
  await new RecordDecisionService(
    ledger.service.dataSource,
    createLogger({ service: 'it', level: 'silent' }),
    { maxPastMs: 200 * DAY, maxFutureMs: 300_000 },
  ).execute(
    buildEnvelope('gate.barrier.decided.v1', {
      enterpriseId: decision.enterpriseId,
      key: decision.enterpriseId,
      payload: { ...payload, lane },
    }),
    context(),
  );
}

const register = async (enterpriseId: string, plate: string, fleet?: string) => {
  const answer = await ledger.as(memberOf(enterpriseId, 'enterprise-admin'))(
    `/enterprises/${enterpriseId}/vehicles/${encodeURIComponent(plate)}`,
    {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ plateColour: 'yellow', ...(fleet ? { fleet } : {}) }),
    },
  );
  expect(answer.status).toBe(200);
};
const plate = (text: string) => ({ text, colour: 'yellow' });
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const knownAt = (enterpriseId: string, siteId: string, api: Api = asPlateRecognition) =>
  api(`/enterprises/${enterpriseId}/known-plates?siteId=${siteId}`);

beforeAll(async () => {
  ledger = await startLedgerHarness({ knownPlates: { windowDays: 30 } });
  asPlateRecognition = (path, init = {}) =>
    ledger.issuer
      .serviceBearer('plate-recognition')
      .then((authorization) =>
        ledger.anonymous(path, { ...init, headers: { ...(init.headers as object), authorization } }),
      );
  await register(A, '冀B10001');
  await register(A, '冀B10002', 'fleet-north');
  await register(B, '晋A90001');
  // Trusted passages at site-1: a visitor, and a registered truck (listed once).
  await record({ enterpriseId: A, plate: plate('冀C20001') }, 2);
  await record({ enterpriseId: A, plate: plate('冀C20002') }, 1);
  await record({ enterpriseId: A, plate: plate('冀B10001') }, 1);
  // Not known at site-1: a doubtful read, a disagreement, one too old, another site, another enterprise.
  await record({
    enterpriseId: A,
    plate: plate('冀C2000I'),
    verdict: 'needs-review',
    laneMode: 'record-only',
    reasons: ['read-needs-review'],
  });
  await record({ enterpriseId: A, plate: plate('冀C20O03'), reasons: ['readers-disagree'] });
  await record({ enterpriseId: A, plate: plate('冀C20004') }, 40);
  await record({ enterpriseId: A, siteId: 'site-2', plate: plate('冀C20005') });
  await record({ enterpriseId: B, plate: plate('晋A90002') });
  // A doubtful read a person corrected (known as corrected), and a passage entered by hand (never known).
  await record(
    {
      enterpriseId: A,
      plate: plate('冀C2000B'),
      verdict: 'needs-review',
      laneMode: 'record-only',
      reasons: ['read-needs-review'],
    },
    3,
  );
  const [doubtful] = (await ledger.service.dataSource.query(
    `SELECT "id", "revision" FROM "passages" WHERE "enterprise_id" = $1 AND "plate" = '冀C2000B'`,
    [A],
  )) as { id: string; revision: number }[];
  const staff = ledger.as(memberOf(A, 'enterprise-staff'));
  const resolved = await staff(
    `/enterprises/${A}/review-items/${doubtful!.id}/resolution`,
    post({ plate: '冀C20006', stage: 'VI', revision: doubtful!.revision }),
  );
  expect(resolved.status).toBe(200);
  const manual = await staff(
    `/enterprises/${A}/passages/manual`,
    post({
      requestId: randomUUID(),
      gateId: 'east-1',
      siteId: 'site-1',
      direction: 'in',
      plate: '冀C20007',
      colour: 'yellow',
      capturedAt: new Date(Date.now() - DAY).toISOString(),
      reason: 'camera down',
    }),
  );
  expect(manual.status).toBe(201);
});
afterAll(() => ledger?.close());

describe('known plates (GET known-plates, settled reads on passages)', () => {
  it("answers the registry, then the site's recent trusted or person-confirmed plates, most recent first, each once", async () => {
    const answer = await knownAt(A, 'site-1');
    expect(answer.status).toBe(200);
    const body = knownPlatesSchema.parse(answer.body);
    expect(body).toEqual({
      enterpriseId: A,
      siteId: 'site-1',
      windowDays: 30,
      plates: [expect.any(String), expect.any(String), '冀C20002', '冀C20001', '冀C20006'],
      registered: 2,
      recent: 3,
      truncated: false,
    });
    expect(body.plates.slice(0, 2).sort()).toEqual(['冀B10001', '冀B10002']);
    // The plates left out are recorded passages of site-1, not missing ones.
    const left: { plate: string }[] = await ledger.service.dataSource.query(
      `SELECT "plate" FROM "passages" WHERE "enterprise_id" = $1 AND "site_id" = 'site-1'
        AND "plate" = ANY($2)`,
      [A, ['冀C2000I', '冀C20O03', '冀C20004', '冀C20007']],
    );
    expect(left.map((r) => r.plate).sort()).toEqual(['冀C20004', '冀C20007', '冀C2000I', '冀C20O03']);
    expect(KNOWN_PLATES_LIMIT).toBe(5_000);
  });

  it("keeps each site's passages and each enterprise's plates to themselves", async () => {
    const site2 = knownPlatesSchema.parse((await knownAt(A, 'site-2')).body);
    expect(site2.plates.slice(2)).toEqual(['冀C20005']);
    const b = knownPlatesSchema.parse((await knownAt(B, 'site-1')).body);
    expect(b.plates).toEqual(['晋A90001', '晋A90002']);
  });

  it("keeps a registry-corrected read's raw text and how it was settled on the passage", async () => {
    const server = {
      text: '冀C30001',
      colour: 'yellow',
      confidence: 0.62,
      verdict: 'trusted' as const,
      rawText: '冀C3000I',
      settledBy: 'registry-corrected' as const,
    };
    await record({ enterpriseId: A, siteId: 'site-3', plate: plate('冀C30001'), reads: { server } });
    const [row] = (await ledger.service.dataSource.query(
      `SELECT "id" FROM "passages" WHERE "enterprise_id" = $1 AND "plate" = '冀C30001'`,
      [A],
    )) as { id: string }[];
    const passage = await ledger.as(memberOf(A, 'enterprise-staff'))(`/enterprises/${A}/passages/${row!.id}`);
    expect(passage.status).toBe(200);
    expect(passage.body).toMatchObject({ entryReads: { server } });
  });

  it("admits plate recognition's token only, and refuses a request without a site", async () => {
    const asBarrierControl: Api = (path, init = {}) =>
      ledger.issuer
        .serviceBearer('barrier-control')
        .then((authorization) => ledger.anonymous(path, { ...init, headers: { authorization } }));
    expect((await knownAt(A, 'site-1', asBarrierControl)).status).toBe(403);
    expect((await knownAt(A, 'site-1', ledger.as(memberOf(A, 'enterprise-admin')))).status).toBe(403);
    expect((await knownAt(A, 'site-1', ledger.api)).status).toBe(403);
    expect((await knownAt(A, 'site-1', ledger.anonymous)).status).toBe(401);
    const noSite = await asPlateRecognition(`/enterprises/${A}/known-plates`);
    expect(noSite.status).toBe(400);
    expect(noSite.body).toMatchObject({ code: 'invalid-request' });
    expect((await knownAt(A, 'site%201')).status).toBe(400);
  });
});
