import { randomUUID } from 'node:crypto';
import { type EnterpriseRegisteredV1, type EventEnvelope } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type MessagingTransport,
} from '@ecogate/messaging';
import { createTemporaryDatabase, openPostgresEventLog } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, PROFILES, releaseAll, type TestProfile, testProfile } from '@ecogate/testing';
import { type z } from 'zod';
import { districtStatisticsSchema, statisticsSummarySchema } from '../api/ledger-responses';
import { ENTERPRISE_TOPIC } from '../enterprise-directory/enterprise-profiles';
import { type Api, type ApiAnswer, type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { LEDGER_IT_CLIENT, memberOf, type TestCaller } from '../testing/ledger-test-kit';

jest.setTimeout(120_000);

// The enterprise directory the ledger learns from `gateway.enterprise.registered.v1`, and what the
// statistics make of it: the summary's class indicator and the city view by district. On both
// profiles (ADR 0008): the test publishes through a transport of the ledger's own settings.

const logger = createLogger({ service: 'ledger-directory-it', level: 'silent' });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
type Json = any;

/** The body is exactly what the OpenAPI document declares: nothing missing, nothing more. */
function expectBody(schema: z.ZodType, answer: ApiAnswer, status = 200): Json {
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status });
  expect(schema.parse(answer.body)).toEqual(answer.body);
  return answer.body as Json;
}

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const record = (
  enterpriseId: string,
  overrides: Partial<EnterpriseRegisteredV1> = {},
): EnterpriseRegisteredV1 => ({
  enterpriseId,
  creditCode: '91440300708461136T',
  name: `企业 ${enterpriseId}`,
  industry: 'coking',
  districtCode: '130203',
  performanceClass: 'B',
  retention: { videoDays: 180, ledgerDays: 365 },
  active: true,
  change: 'registered',
  revision: 1,
  changedAt: new Date().toISOString(),
  ...overrides,
});

const localDay = (offsetDays: number) =>
  new Date(Date.now() + 8 * 3_600_000 - offsetDays * 86_400_000).toISOString().slice(0, 10);
const at = (day: string, hour: number) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
const yesterday = localDay(1);
const twoDaysAgo = localDay(2);
const PERIOD = `from=${twoDaysAgo}&to=${yesterday}`;

describe.each(PROFILES)('enterprise directory and district statistics on the %s profile', (profile) => {
  let settings: TestProfile;
  let ledger: LedgerHarness;
  let transport: MessagingTransport;
  let publisher: ConnectablePublisher;
  let plates = 60_000;

  beforeAll(async () => {
    settings = await testProfile(profile, {
      clientId: LEDGER_IT_CLIENT,
      name: 'ledger-directory-it',
      createDatabase: createTemporaryDatabase,
    });
    ledger = await startLedgerHarness({}, settings);
    transport = await createMessagingTransport(settings.messaging, {
      logger,
      openEventLog: openPostgresEventLog,
    });
    await transport.ensureTopics([{ name: transport.physicalTopic(ENTERPRISE_TOPIC) }]);
    publisher = transport.createPublisher();
    await publisher.connect();
    await ledger.service.ready();
  });

  afterAll(() =>
    releaseAll(
      () => publisher?.disconnect(),
      () => transport?.close(),
      () => ledger?.close(),
      () => settings?.release(),
    ),
  );

  const register = (payload: EnterpriseRegisteredV1): Promise<EventEnvelope<typeof ENTERPRISE_TOPIC>> =>
    publisher.publish(ENTERPRISE_TOPIC, {
      enterpriseId: payload.enterpriseId,
      key: payload.enterpriseId,
      payload,
    });
  const profileRow = async (enterpriseId: string): Promise<Json> =>
    (
      await ledger.service.dataSource.query(
        `SELECT "name", "industry", "district_code", "performance_class", "active", "revision"
           FROM "enterprise_profiles" WHERE "enterprise_id" = $1`,
        [enterpriseId],
      )
    )[0];
  const handled = async (eventId: string): Promise<boolean> =>
    (
      await ledger.service.dataSource.query(`SELECT 1 FROM "processed_events" WHERE "event_id" = $1`, [
        eventId,
      ])
    ).length === 1;
  /** A passage entered by the enterprise's gatekeeper (the same path as a camera's for statistics). */
  const passage = async (
    enterpriseId: string,
    day: string,
    stage: string,
    cargo?: { name: string; tonnes: number },
  ) => {
    const answer = await ledger.as(memberOf(enterpriseId, 'enterprise-staff'))(
      `/enterprises/${enterpriseId}/passages/manual`,
      json('POST', {
        requestId: randomUUID(),
        siteId: 'site-1',
        gateId: 'east-1',
        direction: 'in',
        plate: `冀B${String((plates += 1))}`,
        colour: 'yellow',
        capturedAt: at(day, 10),
        reason: '补录',
        stage,
        ...(cargo ? { cargo } : {}),
      }),
    );
    expect(answer.status).toBe(201);
  };

  it('stores a registered enterprise, ignores a revision it has passed, and fills the summary’s class indicator', async () => {
    const E = 'ent-dir-1';
    await passage(E, yesterday, 'VI', { name: '焦炭', tonnes: 30 });
    await passage(E, yesterday, 'V', { name: '焦炭', tonnes: 10 });
    const summary = () => ledger.api(`/enterprises/${E}/statistics/summary?${PERIOD}`);
    // Before the directory said anything: no class, no indicator.
    expect(expectBody(statisticsSummarySchema, await summary()).classCompliance).toBeNull();

    await register(record(E, { performanceClass: 'C' }));
    await register(record(E, { performanceClass: 'A', change: 'updated', revision: 3, name: '焦化三' }));
    // Delivered late (an older revision after a newer one) and delivered twice: both change nothing.
    const stale = await register(record(E, { performanceClass: 'B', change: 'updated', revision: 2 }));
    await publisher.publishEnvelope(stale, E);
    await expectEventually(async () => expect(await handled(stale.eventId)).toBe(true));
    expect(await profileRow(E)).toEqual({
      name: '焦化三',
      industry: 'coking',
      district_code: '130203',
      performance_class: 'A',
      active: true,
      revision: 3,
    });

    // Class A: all trips 国VI+ → one 国V trip of two is not met; from the stored record.
    expect(expectBody(statisticsSummarySchema, await summary()).classCompliance).toMatchObject({
      performanceClass: 'A',
      industry: 'coking',
      classSource: 'directory',
      status: 'not-met',
      indicators: [{ metric: 'vi-plus', actual: 0.5, met: false }],
    });
    // The query still overrides it.
    const overridden = expectBody(
      statisticsSummarySchema,
      await ledger.api(`/enterprises/${E}/statistics/summary?${PERIOD}&performanceClass=B&industry=steel`),
    );
    expect(overridden.classCompliance).toMatchObject({
      performanceClass: 'B',
      industry: 'steel',
      classSource: 'query',
      status: 'met',
    });

    // A deactivation is a later revision like any other.
    await register(record(E, { active: false, change: 'deactivated', revision: 4, name: '焦化三' }));
    await expectEventually(async () =>
      expect(await profileRow(E)).toMatchObject({ active: false, revision: 4 }),
    );
  });

  describe('the city view by district', () => {
    // Two districts; ent-dist-w is deactivated and idle (not shown), ent-dist-v deactivated with trips (shown).
    const D1 = '130203';
    const D2 = '130102';
    const enterprises: EnterpriseRegisteredV1[] = [
      record('ent-dist-x', { districtCode: D1, performanceClass: 'B' }),
      record('ent-dist-y', { districtCode: D1, performanceClass: 'A', industry: 'steel' }),
      record('ent-dist-z', { districtCode: D2, performanceClass: 'C', industry: 'cement' }),
      record('ent-dist-idle', { districtCode: D2, performanceClass: 'B' }),
      record('ent-dist-w', { districtCode: D2, active: false, change: 'deactivated', revision: 2 }),
      record('ent-dist-v', { districtCode: D1, active: false, change: 'deactivated', revision: 2 }),
    ];
    const ids = enterprises.map((e) => e.enterpriseId);
    const districts = (caller: TestCaller | undefined, query = PERIOD) =>
      (caller ? ledger.as(caller) : ledger.api)(`/statistics/districts?${query}`);
    const cityOperator: TestCaller = { role: 'city-operator', subject: 'operator-1' };

    beforeAll(async () => {
      await Promise.all(enterprises.map((e) => register(e)));
      await expectEventually(async () => {
        const rows: unknown[] = await ledger.service.dataSource.query(
          `SELECT 1 FROM "enterprise_profiles" WHERE "enterprise_id" = ANY($1)`,
          [ids],
        );
        expect(rows).toHaveLength(ids.length);
      });
      await passage('ent-dist-x', yesterday, 'VI', { name: '焦炭', tonnes: 30 });
      await passage('ent-dist-x', twoDaysAgo, 'VI', { name: '焦炭', tonnes: 25.5 });
      await passage('ent-dist-x', yesterday, 'IV', { name: '煤', tonnes: 12 });
      await passage('ent-dist-x', yesterday, 'electric');
      await passage('ent-dist-y', twoDaysAgo, 'VIb', { name: '铁矿石', tonnes: 40 });
      await passage('ent-dist-y', yesterday, 'VI', { name: '铁矿石', tonnes: 35 });
      await passage('ent-dist-z', yesterday, 'III', { name: '熟料', tonnes: 20 });
      await passage('ent-dist-z', yesterday, 'V');
      await passage('ent-dist-v', twoDaysAgo, 'V', { name: '焦炭', tonnes: 8 });
      // Outside the period: not counted.
      await passage('ent-dist-x', localDay(5), 'III', { name: '焦炭', tonnes: 99 });
    });

    it('sums per district exactly what each enterprise’s summary says', async () => {
      const city = expectBody(districtStatisticsSchema, await districts(cityOperator));
      expect(city.districtCode).toBeNull();
      expect(
        city.districts.map((d: Json) => [d.districtCode, d.enterprises.map((e: Json) => e.enterpriseId)]),
      ).toEqual([
        [D2, ['ent-dist-idle', 'ent-dist-z']],
        [D1, expect.arrayContaining(['ent-dist-v', 'ent-dist-x', 'ent-dist-y'])],
      ]);
      // ent-dir-1 of the first test (deactivated, with trips) is in D1 too.
      for (const district of city.districts as Json[]) {
        let trips = 0;
        let tonnes = 0;
        const counts: Record<string, number> = {};
        const clean: Record<string, { clean: number; total: number }> = {};
        for (const enterprise of district.enterprises as Json[]) {
          const summary = expectBody(
            statisticsSummarySchema,
            await ledger.api(`/enterprises/${enterprise.enterpriseId}/statistics/summary?${PERIOD}`),
          );
          // Each enterprise's figures are its summary's, class indicator included.
          expect(enterprise).toMatchObject({
            trips: summary.trips,
            stageShares: summary.stageShares,
            cleanTransport: summary.cleanTransport,
            classCompliance: summary.classCompliance,
          });
          trips += summary.trips;
          tonnes += summary.stageShares.tonnes.total;
          for (const [stage, n] of Object.entries(summary.stageShares.trips.counts as Record<string, number>))
            counts[stage] = (counts[stage] ?? 0) + n;
          for (const c of summary.cleanTransport as Json[]) {
            const sum = (clean[c.definition] ??= { clean: 0, total: 0 });
            sum.clean += c.byTrips.clean;
            sum.total += c.byTrips.total;
          }
        }
        expect(district.trips).toBe(trips);
        expect(district.enterpriseCount).toBe(district.enterprises.length);
        expect(district.stageShares.trips.counts).toEqual(counts);
        expect(district.stageShares.tonnes.total).toBeCloseTo(tonnes, 6);
        for (const c of district.cleanTransport as Json[])
          expect(c.byTrips).toEqual({
            ...clean[c.definition],
            ratio: trips === 0 ? null : clean[c.definition]!.clean / trips,
          });
      }
      const d1 = city.districts.find((d: Json) => d.districtCode === D1);
      const x = d1.enterprises.find((e: Json) => e.enterpriseId === 'ent-dist-x');
      expect(x).toMatchObject({
        name: '企业 ent-dist-x',
        performanceClass: 'B',
        active: true,
        trips: 4,
        stageShares: {
          trips: { counts: { VI: 2, IV: 1, electric: 1 } },
          tonnes: { total: 67.5, tripsWithoutTonnes: 1 },
        },
        // 3 of 4 trips 国V+ or new energy: 75 % < 80 %.
        classCompliance: { classSource: 'directory', status: 'not-met' },
      });
      expect(d1.enterprises.find((e: Json) => e.enterpriseId === 'ent-dist-v')).toMatchObject({
        active: false,
        trips: 1,
      });
      const d2 = city.districts.find((d: Json) => d.districtCode === D2);
      expect(d2).toMatchObject({
        enterpriseCount: 2,
        trips: 2,
        classComplianceCounts: { 'no-threshold': 1, 'no-data': 1, met: 0, 'not-met': 0 },
      });
      expect(city.total.trips).toBe(city.districts.reduce((n: number, d: Json) => n + d.trips, 0));
      expect(city.total.enterpriseCount).toBe(
        city.districts.reduce((n: number, d: Json) => n + d.enterpriseCount, 0),
      );

      // One district, as a city-admin.
      const one = expectBody(
        districtStatisticsSchema,
        await districts(undefined, `${PERIOD}&districtCode=${D2}`),
      );
      expect(one).toMatchObject({ districtCode: D2, total: { trips: 2, enterpriseCount: 2 } });
      expect(one.districts.map((d: Json) => d.districtCode)).toEqual([D2]);
    });

    it('shows an inspector only the enterprises of their token', async () => {
      const inspector: TestCaller = {
        role: 'inspector',
        subject: 'inspector-7',
        enterprises: ['ent-dist-x', 'ent-dist-z', 'ent-not-in-directory'],
        districts: [D1],
      };
      const seen = expectBody(districtStatisticsSchema, await districts(inspector));
      expect(
        seen.districts.map((d: Json) => [d.districtCode, d.enterprises.map((e: Json) => e.enterpriseId)]),
      ).toEqual([
        [D2, ['ent-dist-z']],
        [D1, ['ent-dist-x']],
      ]);
      expect(seen.total).toMatchObject({ enterpriseCount: 2, trips: 6 });
      const nothing = expectBody(
        districtStatisticsSchema,
        await districts({ role: 'inspector', subject: 'inspector-8', enterprises: [] }),
      );
      expect(nothing).toMatchObject({ districts: [], total: { enterpriseCount: 0, trips: 0 } });
    });

    it('refuses enterprise roles, integrators and anonymous callers, and a bad query', async () => {
      const refused = async (api: Api) => (await api(`/statistics/districts?${PERIOD}`)).status;
      expect(await refused(ledger.as(memberOf('ent-dist-x', 'enterprise-admin')))).toBe(403);
      expect(await refused(ledger.as(memberOf('ent-dist-x', 'enterprise-staff')))).toBe(403);
      expect(
        await refused(
          ledger.as({
            role: 'integrator',
            subject: 'key:k1',
            enterprises: ['ent-dist-x'],
            scopes: ['passages:read'],
          }),
        ),
      ).toBe(403);
      expect(await refused(ledger.anonymous)).toBe(401);
      for (const query of [
        `from=${yesterday}`,
        `${PERIOD}&districtCode=13020`,
        `${PERIOD}&enterpriseId=ent-dist-x`,
        `from=${yesterday}&to=${twoDaysAgo}`,
      ])
        expect(await districts(cityOperator, query)).toMatchObject({
          status: 400,
          body: { code: 'invalid-request' },
        });
    });
  });
});
