import { randomUUID } from 'node:crypto';
import { alertViewSchema, type EnterpriseRegisteredV1, type PayloadOf } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type MessagingTransport,
} from '@ecogate/messaging';
import { createTemporaryDatabase, openPostgresEventLog } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, releaseAll, type TestProfile, testProfile } from '@ecogate/testing';
import { ENTERPRISE_TOPIC } from '../enterprise-directory/enterprise-profiles';
import { ensurePartition } from '../partitions/passage-partitions';
import { type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { aDecision, LEDGER_IT_CLIENT, type TestCaller } from '../testing/ledger-test-kit';

jest.setTimeout(120_000);

// The city's view during an alert over real Postgres, fed as in production: the directory from
// `gateway.enterprise.registered.v1`, barrier decisions from `gate.barrier.decided.v1`, the level
// set through the API. A scripted alert: two districts, one enterprise under red alert (orange
// first: one alert), another whose alert ended, a third in another district without alert.
// The embedded profile: the bus is not what is tested here (ledger.int-spec covers both).

const logger = createLogger({ service: 'ledger-alert-view-it', level: 'silent' });
type Decision = PayloadOf<'gate.barrier.decided.v1'>;

const D1 = '130203';
const D2 = '130102';
const RED = 'ent-alert-red';
const ENDED = 'ent-alert-ended';
const CALM = 'ent-alert-calm';

const record = (enterpriseId: string, districtCode: string): EnterpriseRegisteredV1 => ({
  enterpriseId,
  creditCode: '91440300708461136T',
  name: `企业 ${enterpriseId}`,
  industry: 'coking',
  districtCode,
  performanceClass: 'B',
  retention: { videoDays: 180, ledgerDays: 365 },
  active: true,
  change: 'registered',
  revision: 1,
  changedAt: new Date().toISOString(),
});

describe('the alert view', () => {
  let settings: TestProfile;
  let ledger: LedgerHarness;
  let transport: MessagingTransport;
  let publisher: ConnectablePublisher;
  let plates = 70_000;

  const view = (caller?: TestCaller, query = '') =>
    (caller ? ledger.as(caller) : ledger.api)(`/alert-view${query}`);
  const setLevel = async (enterpriseId: string, level: string) =>
    expect(
      (
        await ledger.api(`/enterprises/${enterpriseId}/alert-level`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ level, reason: '冀气预警〔2026〕1号' }),
        })
      ).status,
    ).toBe(200);
  const recorded = async (decisionId: string) =>
    expectEventually(async () => {
      const rows: unknown[] = await ledger.service.dataSource.query(
        `SELECT 1 FROM "passage_decisions" WHERE "decision_id" = $1
         UNION ALL SELECT 1 FROM "refused_attempts" WHERE "decision_id" = $1`,
        [decisionId],
      );
      expect(rows).toHaveLength(1);
    });
  /** A decision at an entry lane of `enterpriseId`, recorded before this returns. */
  const decide = async (enterpriseId: string, overrides: Partial<Decision>) => {
    const decision = aDecision({
      enterpriseId,
      plate: { text: `冀B${String((plates += 1))}`, colour: 'yellow' },
      alertLevel: 'red',
      ...overrides,
    });
    await publisher.publish('gate.barrier.decided.v1', {
      enterpriseId,
      key: decision.lane.laneId,
      payload: decision,
    });
    await recorded(decision.decisionId);
    return decision;
  };

  beforeAll(async () => {
    settings = await testProfile('embedded', {
      clientId: LEDGER_IT_CLIENT,
      name: 'ledger-alert-view-it',
      createDatabase: createTemporaryDatabase,
    });
    ledger = await startLedgerHarness({}, settings);
    transport = await createMessagingTransport(settings.messaging, {
      logger,
      openEventLog: openPostgresEventLog,
    });
    await transport.ensureTopics(
      [ENTERPRISE_TOPIC, 'gate.barrier.decided.v1', 'camera.status.changed.v1'].map((topic) => ({
        name: transport.physicalTopic(topic),
      })),
    );
    publisher = transport.createPublisher();
    await publisher.connect();
    await ledger.service.ready();
    await Promise.all(
      [record(RED, D1), record(ENDED, D1), record(CALM, D2)].map((payload) =>
        publisher.publish(ENTERPRISE_TOPIC, {
          enterpriseId: payload.enterpriseId,
          key: payload.enterpriseId,
          payload,
        }),
      ),
    );
    await expectEventually(async () =>
      expect(await ledger.service.dataSource.query(`SELECT 1 FROM "enterprise_profiles"`)).toHaveLength(3),
    );
  });

  afterAll(() =>
    releaseAll(
      () => publisher?.disconnect(),
      () => transport?.close(),
      () => ledger?.close(),
      () => settings?.release(),
    ),
  );

  it('says no enterprise is under alert before any alert', async () => {
    const answer = await view();
    expect(answer.status).toBe(200);
    expect(alertViewSchema.parse(answer.body)).toMatchObject({
      districtCode: null,
      total: {
        enterprises: 0,
        refused: 0,
        belowMinimumEntered: 0,
        unknownStageAdmitted: 0,
        camerasOffline: 0,
        camerasTampered: 0,
      },
      districts: [],
    });
  });

  it('counts and lists what went past the plan since the alert began, only for callers of that district', async () => {
    // Before the alert: a refusal that must not count.
    await decide(RED, { verdict: 'deny', reasons: ['stage-below-minimum'], alertLevel: 'none' });
    await setLevel(RED, 'orange');
    const [began] = (await ledger.service.dataSource.query(
      `SELECT min("set_at") AS "since" FROM "alert_levels" WHERE "enterprise_id" = $1`,
      [RED],
    )) as { since: Date }[];
    await setLevel(RED, 'red');
    await setLevel(ENDED, 'red');
    await setLevel(ENDED, 'none');
    await setLevel(CALM, 'yellow');

    const refused = await decide(RED, {
      verdict: 'deny',
      reasons: ['stage-below-minimum'],
      stage: { stage: 'IV', source: 'manual' },
    });
    await decide(RED, { verdict: 'needs-review', reasons: ['stage-unknown'], stage: undefined });
    const released = await decide(RED, {
      verdict: 'allow',
      reasons: ['manual'],
      operator: { id: 'guard-1', reason: '抢险车辆' },
      stage: { stage: 'IV', source: 'manual' },
    });
    const exempted = await decide(RED, {
      verdict: 'allow',
      reasons: ['exempted'],
      stage: { stage: 'V', source: 'manual' },
    });
    const unknown = await decide(RED, {
      laneMode: 'record-only',
      verdict: 'allow',
      reasons: ['lane-record-only', 'stage-unknown'],
      stage: undefined,
    });
    const recordOnly = await decide(RED, {
      laneMode: 'record-only',
      verdict: 'deny',
      reasons: ['lane-record-only', 'stage-below-minimum'],
      stage: { stage: 'III', source: 'manual' },
    });
    // Admitted by the plan, or an exit: not in the view.
    await decide(RED, { verdict: 'allow', reasons: ['stage-meets-minimum'] });
    await decide(RED, {
      verdict: 'deny',
      reasons: ['stage-below-minimum'],
      direction: 'out',
    } as Partial<Decision>);
    // Another district, no alert: a refusal there is not in anybody's view.
    await decide(CALM, { verdict: 'deny', reasons: ['stage-below-minimum'] });
    // The alert that ended: nothing counts.
    await decide(ENDED, { verdict: 'deny', reasons: ['stage-below-minimum'] });

    // Cameras: cam-1 offline; cam-2 offline, then back; cam-3 offline, its older "online" arriving
    // late changes nothing. A camera of the calm enterprise is nobody's concern here.
    const camera = (
      enterpriseId: string,
      cameraId: string,
      status: 'offline' | 'online',
      minutesAgo: number,
    ) =>
      publisher.publish('camera.status.changed.v1', {
        enterpriseId,
        key: cameraId,
        payload: {
          cameraId,
          enterpriseId,
          status,
          reason: status === 'offline' ? 'no answer for 60 s' : 'answering',
          at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
        },
      });
    await camera(RED, 'cam-1', 'offline', 30);
    await camera(RED, 'cam-2', 'offline', 20);
    await camera(RED, 'cam-2', 'online', 10);
    await camera(RED, 'cam-3', 'offline', 5);
    await camera(RED, 'cam-3', 'online', 8);
    // cam-4's view was covered (the view check, with its evidence): counted as tampered, not offline.
    const tamper = { kind: 'covered' as const, referenceKey: 'ref/cam-4.jpg', currentKey: 'now/cam-4.jpg' };
    await publisher.publish('camera.status.changed.v1', {
      enterpriseId: RED,
      key: 'cam-4',
      payload: {
        cameraId: 'cam-4',
        enterpriseId: RED,
        status: 'tampered',
        reason: 'view-changed',
        at: new Date(Date.now() - 4 * 60_000).toISOString(),
        tamper: { ...tamper, scores: { coveredShare: 0.8 } },
      },
    });
    const calm = await camera(CALM, 'cam-9', 'offline', 5);
    await expectEventually(async () =>
      expect(
        await ledger.service.dataSource.query(`SELECT 1 FROM "processed_events" WHERE "event_id" = $1`, [
          calm.eventId,
        ]),
      ).toHaveLength(1),
    );
    await expectEventually(async () =>
      expect(
        await ledger.service.dataSource.query(
          `SELECT "camera_id", "status" FROM "camera_statuses" WHERE "enterprise_id" = $1 ORDER BY 1`,
          [RED],
        ),
      ).toEqual([
        { camera_id: 'cam-1', status: 'offline' },
        { camera_id: 'cam-2', status: 'online' },
        { camera_id: 'cam-3', status: 'offline' },
        { camera_id: 'cam-4', status: 'tampered' },
      ]),
    );
    expect(
      await ledger.service.dataSource.query(
        `SELECT "tamper_kind" AS "kind", "tamper_reference_key" AS "referenceKey",
                "tamper_current_key" AS "currentKey", "tamper_scores" AS "scores"
           FROM "camera_statuses" WHERE "enterprise_id" = $1 AND "camera_id" = 'cam-4'`,
        [RED],
      ),
    ).toEqual([{ ...tamper, scores: { coveredShare: 0.8 } }]);

    const body = alertViewSchema.parse((await view()).body);
    expect(body.total).toEqual({
      enterprises: 1,
      refused: 2,
      belowMinimumEntered: 3,
      unknownStageAdmitted: 1,
      camerasOffline: 2,
      camerasTampered: 1,
    });
    expect(body.districts).toHaveLength(1);
    const [district] = body.districts;
    expect(district).toMatchObject({
      districtCode: D1,
      counts: {
        refused: 2,
        belowMinimumEntered: 3,
        unknownStageAdmitted: 1,
        camerasOffline: 2,
        camerasTampered: 1,
      },
    });
    const [enterprise] = district!.enterprises;
    expect(enterprise).toMatchObject({
      enterpriseId: RED,
      level: 'red',
      since: new Date(began!.since).toISOString(),
    });
    expect(enterprise!.offlineCameras.map((c) => c.cameraId)).toEqual(['cam-1', 'cam-3']);
    expect(enterprise!.offlineCameras[0]!.reason).toBe('no answer for 60 s');
    expect(enterprise!.tamperedCameras).toEqual([
      { cameraId: 'cam-4', since: expect.any(String), reason: 'view-changed', kind: 'covered' },
    ]);
    const byPlate = new Map(enterprise!.items.map((item) => [item.plate, item]));
    expect(enterprise!.items).toHaveLength(6);
    expect(byPlate.get(refused.plate.text)).toMatchObject({
      kind: 'refused',
      plateColour: 'yellow',
      gateId: 'east-1',
      laneId: 'lane-in',
      reasons: ['stage-below-minimum'],
      stage: 'IV',
    });
    expect(byPlate.get(released.plate.text)).toMatchObject({
      kind: 'manual-release',
      reasons: ['manual'],
      stage: 'IV',
    });
    expect(byPlate.get(exempted.plate.text)).toMatchObject({ kind: 'exemption', stage: 'V' });
    expect(byPlate.get(unknown.plate.text)).toMatchObject({ kind: 'unknown-stage', stage: null });
    expect(byPlate.get(recordOnly.plate.text)).toMatchObject({ kind: 'record-only-lane', stage: 'III' });
    // Newest first.
    const times = enterprise!.items.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // An inspector of the district sees it; one of the other district sees nothing, nor does a
    // city-wide caller asking for the other district.
    const inspectorD1: TestCaller = {
      role: 'inspector',
      subject: 'insp-1',
      enterprises: [RED, ENDED],
      districts: [D1],
    };
    const inspectorD2: TestCaller = {
      role: 'inspector',
      subject: 'insp-2',
      enterprises: [CALM],
      districts: [D2],
    };
    expect(alertViewSchema.parse((await view(inspectorD1)).body).total.refused).toBe(2);
    expect(alertViewSchema.parse((await view(inspectorD2)).body)).toMatchObject({
      total: { enterprises: 0 },
      districts: [],
    });
    expect(alertViewSchema.parse((await view(undefined, `?districtCode=${D2}`)).body).districts).toEqual([]);
    expect(alertViewSchema.parse((await view(undefined, `?districtCode=${D1}`)).body).total.enterprises).toBe(
      1,
    );
    // Enterprise roles are not admitted; a malformed district is refused.
    expect((await view({ role: 'enterprise-admin', subject: 'a', enterprises: [RED] })).status).toBe(403);
    expect((await view(undefined, '?districtCode=13')).status).toBe(400);

    // The alert lifted: the enterprise leaves the view.
    await setLevel(RED, 'yellow');
    expect(alertViewSchema.parse((await view()).body).districts).toEqual([]);
  });

  it('reads passages by the window index from the alert on (EXPLAIN: 40 enterprises, a month, 200 000 passages)', async () => {
    const prefix = `ent-explain-${randomUUID().slice(0, 6)}-`;
    for (const daysAgo of [0, 15, 30]) {
      await ensurePartition(ledger.service.dataSource.manager, new Date(Date.now() - daysAgo * 86_400_000));
    }
    // 5 000 passages per enterprise over 28 days, one in 50 a manual release.
    await ledger.service.dataSource.query(
      `INSERT INTO "passages" ("id", "enterprise_id", "site_id", "plate", "plate_colour", "state", "captured_at",
                               "entry_reasons", "completeness", "missing_fields")
       SELECT gen_random_uuid(), $1 || (n % 40), 'site-1', '冀B' || n, 'yellow', 'completed',
              now() - (n * 12 || ' seconds')::interval,
              CASE WHEN n % 50 = 0 THEN '["manual"]'::jsonb ELSE '["stage-meets-minimum"]'::jsonb END,
              1, '[]'::jsonb
         FROM generate_series(1, 200000) AS n`,
      [prefix],
    );
    await ledger.service.dataSource.query(`ANALYZE "passages"`);
    const plan: { 'QUERY PLAN': string }[] = await ledger.service.dataSource.query(
      `EXPLAIN SELECT count(*) FROM unnest($1::text[], $2::timestamptz[]) AS s("enterprise_id", "since")
         JOIN "passages" p ON p."enterprise_id" = s."enterprise_id" AND p."captured_at" >= s."since"
        WHERE p."entry_reasons" ?| ARRAY['manual', 'exempted']`,
      [
        [`${prefix}1`, `${prefix}2`],
        [new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 86_400_000)],
      ],
    );
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    // Every month with rows through the (enterprise_id, captured_at, id) index; only the empty month
    // ahead (created by ensurePartition) is scanned, for nothing.
    expect(text).toMatch(/Index Scan on passages_p\d{6}_enterprise_id_captured_at_id_idx/);
    const seqScans = text.split('\n').filter((line) => /Seq Scan on passages/.test(line));
    for (const line of seqScans) expect(line).toContain('cost=0.00..0.00');
  });
});
