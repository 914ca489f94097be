import { randomUUID } from 'node:crypto';
import { type PayloadOf } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type MessagingTransport,
} from '@ecogate/messaging';
import { openPostgresEventLog } from '@ecogate/persistence';
import { createObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaTestMessaging, minioTestStorage, releaseAll } from '@ecogate/testing';
import { type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { LEDGER_IT_CLIENT, memberOf, type TestCaller } from '../testing/ledger-test-kit';
import { tamperEpisodeListSchema } from './tamper-episodes.openapi';

jest.setTimeout(120_000);

// Camera tamper episodes (issue #17) against Postgres, Kafka and MinIO: camera-ingest's status
// changes fed through the bus as in production, kept as episodes by the camera-status consumer in
// the transaction of the status, listed through the API with their images.

type Change = PayloadOf<'camera.status.changed.v1'>;
const E = `ent-tamper-${randomUUID().slice(0, 6)}`;
const OTHER = `ent-tamper-other-${randomUUID().slice(0, 6)}`;
const BUCKET = `ledger-tamper-it-${randomUUID().slice(0, 8)}`;
const HOUR = 3_600_000;
const T0 = Date.now() - 10 * HOUR;
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const key = (name: string) => `${E}/site-1/view-check/${name}.jpg`;
const before = key('reference');
const afterBytes = Buffer.from('the covered frame');

interface EpisodeRow {
  cameraId: string;
  kind: string | null;
  source: string;
  startedAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  referenceKey: string | null;
  currentKey: string | null;
  restoredKey: string | null;
}

describe('camera tamper episodes', () => {
  let h: LedgerHarness;
  let transport: MessagingTransport;
  let publisher: ConnectablePublisher;

  const publish = (
    change: Partial<Change> & Pick<Change, 'cameraId' | 'status' | 'reason' | 'at'>,
    eventId?: string,
  ) =>
    publisher.publish('camera.status.changed.v1', {
      enterpriseId: change.enterpriseId ?? E,
      key: `${change.enterpriseId ?? E}/${change.cameraId}`,
      payload: { enterpriseId: E, ...change },
      ...(eventId ? { eventId } : {}),
    });
  const episodes = async (enterpriseId = E): Promise<EpisodeRow[]> =>
    h.service.dataSource.query(
      `SELECT "camera_id" AS "cameraId", "kind", "source", "started_at" AS "startedAt", "ended_at" AS "endedAt",
              "end_reason" AS "endReason", "reference_key" AS "referenceKey", "current_key" AS "currentKey",
              "restored_key" AS "restoredKey"
         FROM "camera_tamper_episodes" WHERE "enterprise_id" = $1 ORDER BY "started_at"`,
      [enterpriseId],
    );
  /** Waits for the camera's latest status: every change published before it for that camera is in. */
  const statusIs = (cameraId: string, status: string, changedAt: string) =>
    expectEventually(async () =>
      expect(
        await h.service.dataSource.query(
          `SELECT "status", "changed_at" AS "changedAt" FROM "camera_statuses"
            WHERE "enterprise_id" = $1 AND "camera_id" = $2`,
          [E, cameraId],
        ),
      ).toEqual([{ status, changedAt: new Date(changedAt) }]),
    );
  const list = (query: string, caller?: TestCaller) =>
    (caller ? h.as(caller) : h.api)(`/enterprises/${E}/camera-tamper-episodes?${query}`);

  beforeAll(async () => {
    h = await startLedgerHarness({ captures: { bucket: BUCKET } });
    await h.service.ready();
    transport = await createMessagingTransport(
      kafkaTestMessaging({ clientId: LEDGER_IT_CLIENT, topicPrefix: h.topicPrefix }),
      { logger: createLogger({ service: 'ledger-it', level: 'silent' }), openEventLog: openPostgresEventLog },
    );
    publisher = transport.createPublisher();
    await publisher.connect();
    const storage = createObjectStorage(minioTestStorage());
    await storage.ensureBucket(BUCKET);
    await storage.put(BUCKET, key('covered'), afterBytes, { contentType: 'image/jpeg' });
  });

  afterAll(() =>
    releaseAll(
      () => publisher?.disconnect(),
      () => transport?.close(),
      () => h?.close(),
    ),
  );

  it('opens an episode on tampered, a new one on another kind, closes on recovered, in the camera’s order', async () => {
    const covered: Change = {
      cameraId: 'cam-1',
      enterpriseId: E,
      status: 'tampered',
      reason: 'view-changed',
      at: at(0),
      tamper: {
        kind: 'covered',
        referenceKey: before,
        currentKey: key('covered'),
        scores: { coveredShare: 0.8 },
      },
    };
    // Delivered twice (a redelivery): one episode.
    const eventId = randomUUID();
    await publish(covered, eventId);
    await publish(covered, eventId);
    // The same tampering again in a new event (a restart of camera-ingest): still one.
    await publish({ ...covered, at: at(0.5) });
    // Covered, then shifted: camera-ingest publishes a second `tampered`.
    await publish({
      ...covered,
      at: at(1),
      tamper: { kind: 'shifted', referenceKey: before, currentKey: key('shifted') },
    });
    // Offline in between says nothing of the view.
    await publish({ cameraId: 'cam-1', status: 'offline', reason: 'no-heartbeat', at: at(1.5) });
    await publish({
      cameraId: 'cam-1',
      status: 'recovered',
      reason: 'view-restored',
      at: at(2),
      tamper: { kind: 'shifted', referenceKey: before, currentKey: key('restored') },
    });
    // Late: older than the recovery, it reopens nothing.
    await publish({ ...covered, at: at(1.8) });
    // The camera's own alarm on another camera: no kind, no evidence, still open.
    await publish({ cameraId: 'cam-2', status: 'tampered', reason: 'tamper', at: at(3) });
    await publish({ cameraId: 'cam-1', status: 'online', reason: 'heartbeat', at: at(2.5) });
    await statusIs('cam-1', 'online', at(2.5));
    await statusIs('cam-2', 'tampered', at(3));

    expect(await episodes()).toEqual([
      {
        cameraId: 'cam-1',
        kind: 'covered',
        source: 'view-check',
        startedAt: new Date(at(0)),
        endedAt: new Date(at(1)),
        endReason: 'kind-changed',
        referenceKey: before,
        currentKey: key('covered'),
        restoredKey: null,
      },
      {
        cameraId: 'cam-1',
        kind: 'shifted',
        source: 'view-check',
        startedAt: new Date(at(1)),
        endedAt: new Date(at(2)),
        endReason: 'view-restored',
        referenceKey: before,
        currentKey: key('shifted'),
        restoredKey: key('restored'),
      },
      {
        cameraId: 'cam-2',
        kind: null,
        source: 'camera-alarm',
        startedAt: new Date(at(3)),
        endedAt: null,
        endReason: null,
        referenceKey: null,
        currentKey: null,
        restoredKey: null,
      },
    ]);
  });

  it('lists the episodes overlapping the period, newest first, by camera', async () => {
    const answer = await list(`from=${at(-1)}&to=${at(24)}`);
    expect(answer.status).toBe(200);
    const body = tamperEpisodeListSchema.parse(answer.body);
    expect(body.truncated).toBe(false);
    expect(body.items.map((e) => [e.cameraId, e.kind, e.endedAt === null])).toEqual([
      ['cam-2', null, true],
      ['cam-1', 'shifted', false],
      ['cam-1', 'covered', false],
    ]);
    const covered = body.items[2]!;
    expect(covered).toMatchObject({
      source: 'view-check',
      reason: 'view-changed',
      startedAt: at(0),
      endedAt: at(1),
      endReason: 'kind-changed',
      scores: { coveredShare: 0.8 },
      images: {
        before: `/api/ledger/v1/enterprises/${E}/camera-tamper-episodes/${covered.episodeId}/images/before`,
        after: `/api/ledger/v1/enterprises/${E}/camera-tamper-episodes/${covered.episodeId}/images/after`,
        restored: null,
      },
    });
    expect(body.items[0]!.images).toEqual({ before: null, after: null, restored: null });

    // Only what overlaps: the shifted episode lasted from 1 h to 2 h.
    const middle = tamperEpisodeListSchema.parse((await list(`from=${at(1.5)}&to=${at(1.7)}`)).body);
    expect(middle.items.map((e) => e.kind)).toEqual(['shifted']);
    // The open one overlaps any later period.
    const later = tamperEpisodeListSchema.parse((await list(`from=${at(9)}&to=${at(10)}`)).body);
    expect(later.items.map((e) => e.cameraId)).toEqual(['cam-2']);
    const cam1 = tamperEpisodeListSchema.parse(
      (await list(`from=${at(-1)}&to=${at(24)}&cameraId=cam-1`)).body,
    );
    expect(cam1.items).toHaveLength(2);
    const limited = tamperEpisodeListSchema.parse((await list(`from=${at(-1)}&to=${at(24)}&limit=2`)).body);
    expect(limited).toMatchObject({ truncated: true, items: [{ cameraId: 'cam-2' }, { kind: 'shifted' }] });
  });

  it('redirects to the stored images; 404 when an episode has none or is another enterprise’s', async () => {
    const body = tamperEpisodeListSchema.parse((await list(`from=${at(-1)}&to=${at(24)}`)).body);
    const covered = body.items[2]!;
    const raw = async (
      caller: TestCaller,
      enterpriseId: string,
      image: string,
      episodeId = covered.episodeId,
    ) =>
      fetch(
        `${h.service.url}/api/v1/enterprises/${enterpriseId}/camera-tamper-episodes/${episodeId}/images/${image}`,
        { redirect: 'manual', headers: { authorization: await h.issuer.bearer(caller) } },
      );
    const staff = memberOf(E, 'enterprise-staff');
    const answer = await raw(staff, E, 'after');
    expect(answer.status).toBe(302);
    const location = answer.headers.get('location')!;
    expect(Buffer.from(await (await fetch(location)).arrayBuffer()).equals(afterBytes)).toBe(true);
    expect((await raw(staff, E, 'restored')).status).toBe(404);
    expect((await raw(staff, E, 'sideways')).status).toBe(400);
    expect((await raw(staff, E, 'after', randomUUID())).status).toBe(404);
    // The same episode asked for under another enterprise: nothing there.
    const other = memberOf(OTHER, 'enterprise-admin');
    expect((await raw(other, OTHER, 'after')).status).toBe(404);
  });

  it('answers the enterprise and the city, nobody else, and refuses a bad query', async () => {
    const query = `from=${at(-1)}&to=${at(24)}`;
    expect((await list(query, memberOf(E, 'enterprise-staff'))).status).toBe(200);
    expect((await list(query, { role: 'inspector', subject: 'i-1', enterprises: [E] })).status).toBe(200);
    expect((await list(query, memberOf(OTHER, 'enterprise-admin'))).status).toBe(404);
    expect((await h.anonymous(`/enterprises/${E}/camera-tamper-episodes?${query}`)).status).toBe(401);
    // Another enterprise's own list is empty.
    const theirs = await h.as(memberOf(OTHER, 'enterprise-admin'))(
      `/enterprises/${OTHER}/camera-tamper-episodes?${query}`,
    );
    expect(theirs).toMatchObject({ status: 200, body: { items: [], truncated: false } });
    for (const bad of [
      `from=${at(2)}&to=${at(1)}`,
      `from=yesterday&to=${at(1)}`,
      `${query}&colour=red`,
      `${query}&limit=0`,
    ]) {
      expect(await list(bad)).toMatchObject({ status: 400, body: { code: 'invalid-request' } });
    }
  });
});
