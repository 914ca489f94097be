import { randomUUID } from 'node:crypto';
import { type PayloadOf } from '@ecogate/contracts';
import { buildDefaultEmergencyPlan } from '@ecogate/domain';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type EventConsumer,
  type MessagingTransport,
} from '@ecogate/messaging';
import { openPostgresEventLog } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { createObjectStorage, type ObjectStorage } from '@ecogate/storage';
import { expectEventually, kafkaTestMessaging, minioTestStorage } from '@ecogate/testing';
import { z } from 'zod';
import { type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { aDecision, LEDGER_IT_CLIENT, memberOf } from '../testing/ledger-test-kit';
import { loadingAreaAnomalySchema } from './loading-areas.openapi';

// The loading-area rules in the ledger, against Postgres and the bus: sightings judged as they come
// (rules 1, 4, 5), overdue entries and lone exits judged by the scan (rules 2, 3), each stored once
// with its evidence and published; listed for the enterprise and the city, and no one else.
const E = `ent-la-${randomUUID().slice(0, 6)}`;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

// The frames and crops are in a bucket of this run: the photo route's links are followed.
const bucket = `ledger-it-la-${randomUUID().slice(0, 8)}`;
const ref = (key: string) => ({
  bucket,
  key: `${E}/site-1/2026/12/07/${key}`,
  sha256: 'b'.repeat(64),
  contentType: 'image/jpeg',
  bytes: 2048,
});

interface Anomaly {
  anomalyId: string;
  kind: string;
  plate: string;
  evidence: {
    sightingId: string | null;
    cameraId: string | null;
    frame: { key: string } | null;
    passageIds: string[];
    refusalIds: string[];
    searchedFrom: string | null;
    clip: { cameraId: string; from: string; to: string } | null;
  };
}

describe('loading-area anomalies in the ledger', () => {
  let h: LedgerHarness;
  let transport: MessagingTransport;
  let publisher: ConnectablePublisher;
  let tap: EventConsumer | undefined;
  let storage: ObjectStorage;
  const anomalyEvents: PayloadOf<'loading-area.anomaly.detected.v1'>[] = [];

  const decide = (
    plate: string,
    direction: 'in' | 'out',
    capturedAt: string,
    verdict: 'allow' | 'deny' = 'allow',
  ) =>
    publisher.publish('gate.barrier.decided.v1', {
      enterpriseId: E,
      key: `${E}/lane-${direction}`,
      payload: aDecision({
        enterpriseId: E,
        direction,
        plate: { text: plate, colour: 'yellow' },
        capturedAt,
        decidedAt: capturedAt,
        verdict,
        ...(verdict === 'deny' ? { reasons: ['stage-below-minimum'] } : {}),
      }),
    });
  const see = (plate: string, at: string, verdict: 'trusted' | 'needs-review' = 'trusted') => {
    const sightingId = `s-${randomUUID()}`;
    return publisher
      .publish('loading-area.vehicle.seen.v1', {
        enterpriseId: E,
        key: `${E}/yard-1`,
        payload: {
          sightingId,
          captureId: `c-${sightingId}`.slice(0, 64),
          cameraId: 'yard-1',
          area: { enterpriseId: E, siteId: 'site-1' },
          at,
          plate: { text: plate, colour: 'yellow', confidence: 0.97 },
          verdict,
          frame: ref(`loading-area/${sightingId}.jpg`),
          crop: ref(`plate/${sightingId}.jpg`),
          cropBox: { x: 10, y: 20, width: 140, height: 44 },
        },
      })
      .then(() => sightingId);
  };
  const passageId = async (plate: string): Promise<string> => {
    const rows = await expectEventually(async () => {
      const found = (await h.service.dataSource.query(
        `SELECT "id" FROM "passages" WHERE "enterprise_id" = $1 AND "plate" = $2`,
        [E, plate],
      )) as { id: string }[];
      expect(found).toHaveLength(1);
      return found;
    });
    return rows[0]!.id;
  };
  const anomalies = async (): Promise<Anomaly[]> => {
    const reply = await h.api(
      `/enterprises/${E}/loading-area-anomalies?from=${ago(48 * HOUR)}&to=${ago(-HOUR)}`,
    );
    expect(reply.status).toBe(200);
    return (reply.body as { items: Anomaly[] }).items;
  };
  const anomalyOf = (plate: string, kind: string) =>
    expectEventually(async () => {
      const found = (await anomalies()).filter((a) => a.plate === plate && a.kind === kind);
      expect(found).toHaveLength(1);
      return found[0]!;
    });

  beforeAll(async () => {
    h = await startLedgerHarness({
      loadingAreas: { maxStayMs: HOUR, intervalMs: 200, horizonMs: 24 * HOUR, graceMs: HOUR },
    });
    await h.service.ready();
    storage = createObjectStorage(minioTestStorage());
    await storage.ensureBucket(bucket);
    transport = await createMessagingTransport(
      kafkaTestMessaging({ clientId: LEDGER_IT_CLIENT, topicPrefix: h.topicPrefix }),
      { logger: createLogger({ service: 'ledger-it', level: 'silent' }), openEventLog: openPostgresEventLog },
    );
    publisher = transport.createPublisher();
    await publisher.connect();
    tap = transport.createConsumer({
      groupId: `la-tap-${randomUUID().slice(0, 8)}`,
      fromBeginning: true,
      handlers: {
        'loading-area.anomaly.detected.v1': async (event) => {
          anomalyEvents.push(event.payload as PayloadOf<'loading-area.anomaly.detected.v1'>);
        },
      },
    });
    await transport.ensureTopics(tap.topics().map((name) => ({ name })));
    await tap.start();
  });

  afterAll(async () => {
    await tap?.stop();
    await publisher?.disconnect();
    await transport?.close();
    await h?.close();
  });

  it('judges sightings: an entry explains one, no gate row or a refusal does not', async () => {
    await decide('冀A10001', 'in', ago(30 * 60_000));
    const inside = await passageId('冀A10001');
    await decide('冀C30003', 'in', ago(20 * 60_000), 'deny');
    await expectEventually(async () =>
      expect(
        await h.service.dataSource.query(`SELECT 1 FROM "refused_attempts" WHERE "enterprise_id" = $1`, [E]),
      ).toHaveLength(1),
    );

    const ghostAt = ago(60_000);
    const ghost = await see('冀B20002', ghostAt);
    await see('冀A10001', ago(60_000));
    await see('冀C30003', ago(60_000));
    // A doubtful read is kept, never judged.
    await see('冀Z99999', ago(60_000), 'needs-review');
    // The same truck on the next frame is the same anomaly.
    await see('冀B20002', ago(30_000));

    const seenWithoutEntry = await anomalyOf('冀B20002', 'seen-without-entry');
    expect(seenWithoutEntry.evidence).toMatchObject({
      sightingId: ghost,
      cameraId: 'yard-1',
      frame: { key: `${E}/site-1/2026/12/07/loading-area/${ghost}.jpg` },
      passageIds: [],
      refusalIds: [],
    });
    expect(seenWithoutEntry.evidence.searchedFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The loading area's video from 30 s before to 30 s after the first sighting (not the later frame's).
    expect(seenWithoutEntry.evidence.clip).toEqual({
      cameraId: 'yard-1',
      from: new Date(Date.parse(ghostAt) - 30_000).toISOString(),
      to: new Date(Date.parse(ghostAt) + 30_000).toISOString(),
    });
    const refused = await anomalyOf('冀C30003', 'refused-seen-inside');
    expect(refused.evidence.refusalIds).toHaveLength(1);

    await expectEventually(async () => {
      const seen = await h.api(`/enterprises/${E}/loading-area-sightings?from=${ago(HOUR)}&to=${ago(-HOUR)}`);
      expect((seen.body as { items: unknown[] }).items).toHaveLength(5);
    });
    const sightingKinds = (await anomalies())
      .filter((a) => a.evidence.sightingId !== null)
      .map((a) => a.plate);
    expect(sightingKinds.sort()).toEqual(['冀B20002', '冀C30003']);
    expect(inside).toBeTruthy();
    await expectEventually(() =>
      expect(anomalyEvents.map((e) => e.anomalyId)).toEqual(
        expect.arrayContaining([seenWithoutEntry.anomalyId, refused.anomalyId]),
      ),
    );
  });

  it('scans the passages: an entry past its stay and an exit with no entry, once each', async () => {
    // Past its stay and the grace after it: judged.
    await decide('冀E50005', 'in', ago(3 * HOUR));
    const overdue = await passageId('冀E50005');
    // Out after 10 minutes; its deadline is still within the grace, so the order the two decisions
    // are recorded in cannot matter.
    await decide('冀G70007', 'in', ago(110 * 60_000));
    await passageId('冀G70007');
    await decide('冀G70007', 'out', ago(100 * 60_000));
    await decide('冀D40004', 'out', ago(10 * 60_000));
    const lone = await passageId('冀D40004');

    const stayed = await anomalyOf('冀E50005', 'entry-without-exit');
    expect(stayed.evidence).toMatchObject({ passageIds: [overdue], cameraId: null, clip: null });
    const exited = await anomalyOf('冀D40004', 'exit-without-entry');
    expect(exited.evidence).toMatchObject({ passageIds: [lone], cameraId: null, clip: null });
    // A completed stay within the limit, and the entry still within it, are no anomaly.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const plates = (await anomalies()).map((a) => `${a.plate} ${a.kind}`);
    expect(plates.filter((p) => p.startsWith('冀G70007') || p.startsWith('冀A10001'))).toEqual([]);
    expect(plates.filter((p) => p === '冀E50005 entry-without-exit')).toHaveLength(1);
  });

  it("flags a vehicle below the alert's minimum seen during it, by the filed plan and the registry", async () => {
    const { enterpriseId: _e, ...plan } = buildDefaultEmergencyPlan({
      enterpriseId: E,
      cargoVolume: { band: '10-or-more' },
      exemptions: [],
    });
    const admin = h.as(memberOf(E, 'enterprise-admin'));
    const json = (method: string, body: unknown) => ({
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect((await admin(`/enterprises/${E}/emergency-plan`, json('PUT', plan))).status).toBe(200);
    const truck = {
      plateColour: 'yellow',
      category: 'heavy-truck',
      fuel: 'diesel',
      stageEvidence: { stage: 'IV', source: 'platform-query' },
    };
    expect(
      (await admin(`/enterprises/${E}/vehicles/${encodeURIComponent('冀F60006')}`, json('PUT', truck)))
        .status,
    ).toBe(200);
    await decide('冀F60006', 'in', ago(15 * 60_000));
    await passageId('冀F60006');
    expect((await h.api(`/enterprises/${E}/alert-level`, json('PUT', { level: 'red' }))).status).toBe(200);

    await see('冀F60006', new Date().toISOString());
    const below = await anomalyOf('冀F60006', 'below-minimum-stage-during-alert');
    expect(below.evidence.passageIds).toHaveLength(1);
  });

  it('lists anomalies for the enterprise and the city, never for another enterprise', async () => {
    const path = `/enterprises/${E}/loading-area-anomalies?from=${ago(HOUR)}&to=${ago(-HOUR)}`;
    const listed = await h.as(memberOf(E, 'enterprise-staff'))(path);
    expect(listed.status).toBe(200);
    // Exactly what the OpenAPI document declares (the console's types come from it), clips included.
    const declared = z.object({ items: z.array(loadingAreaAnomalySchema), truncated: z.boolean() }).strict();
    expect(declared.parse(listed.body)).toEqual(listed.body);
    expect((listed.body as { items: Anomaly[] }).items.some((a) => a.evidence.clip !== null)).toBe(true);
    expect((await h.as({ role: 'city-operator', subject: 'op', enterprises: '*' })(path)).status).toBe(200);
    expect((await h.as(memberOf('ent-other', 'enterprise-admin'))(path)).status).toBe(404);
    expect((await h.anonymous(path)).status).toBe(401);
    expect(
      (await h.api(`/enterprises/${E}/loading-area-anomalies?from=${ago(0)}&to=${ago(HOUR)}`)).status,
    ).toBe(400);
  });

  it("serves a sighting's frame and crop to the enterprise and the city, not to another enterprise", async () => {
    const sightingId = await see('冀H80008', ago(5 * 60_000), 'needs-review');
    const frame = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('loading-area-frame')]);
    await storage.put(bucket, ref(`loading-area/${sightingId}.jpg`).key, frame, {
      contentType: 'image/jpeg',
    });
    const path = (kind: string, enterprise = E) =>
      `/api/v1/enterprises/${enterprise}/loading-area-sightings/${sightingId}/photos/${kind}`;
    const raw = async (caller: Parameters<LedgerHarness['as']>[0], route: string) =>
      fetch(`${h.service.url}${route}`, {
        redirect: 'manual',
        headers: { authorization: await h.issuer.bearer(caller) },
      });
    const staff = memberOf(E, 'enterprise-staff');

    const answer = await expectEventually(async () => {
      const found = await raw(staff, path('scene'));
      expect(found.status).toBe(302);
      return found;
    });
    expect(answer.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const bytes = Buffer.from(await (await fetch(answer.headers.get('location')!)).arrayBuffer());
    expect(bytes.equals(frame)).toBe(true);
    // The crop's link points at the crop's key, not the frame's.
    const crop = await raw({ role: 'city-operator', subject: 'op', enterprises: '*' }, path('plate'));
    expect(crop.status).toBe(302);
    expect(decodeURIComponent(crop.headers.get('location')!)).toContain(`plate/${sightingId}.jpg`);

    const refused = async (caller: Parameters<LedgerHarness['as']>[0], route: string) => {
      const reply = await raw(caller, route);
      return { status: reply.status, code: ((await reply.json()) as { code?: string }).code };
    };
    // Another enterprise's token on its own path: as if there were no such sighting.
    const other = memberOf('ent-other', 'enterprise-admin');
    expect(await refused(other, path('scene', 'ent-other'))).toEqual({
      status: 404,
      code: 'photo-not-found',
    });
    expect((await raw(other, path('scene'))).status).toBe(404);
    expect(await refused(staff, path('video'))).toMatchObject({ status: 400, code: 'invalid-request' });
    expect((await fetch(`${h.service.url}${path('scene')}`, { redirect: 'manual' })).status).toBe(401);
  });
});
