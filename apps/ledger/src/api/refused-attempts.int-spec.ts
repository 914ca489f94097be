import { type PayloadOf } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  createMessagingTransport,
  type MessagingTransport,
} from '@ecogate/messaging';
import { openPostgresEventLog } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually, kafkaTestMessaging, loadInfraEnv, releaseAll } from '@ecogate/testing';
import { refusedAttemptPageSchema } from '../refused-attempts/refused-attempts.openapi';
import { type Api, type ApiAnswer, type LedgerHarness, startLedgerHarness } from '../testing/ledger-harness';
import { aDecision, LEDGER_IT_CLIENT, memberOf, type TestCaller } from '../testing/ledger-test-kit';

jest.setTimeout(90_000);

// 拦截记录 (issue #13): barrier decisions that were not passages, through Kafka into the whole
// service, read back with `GET refused-attempts`.

const DECIDED = 'gate.barrier.decided.v1';
const A = 'ent-refused-a';
const B = 'ent-refused-b';
const logger = createLogger({ service: 'ledger-refused-it', level: 'silent' });
const staff = (enterprise: string) => memberOf(enterprise, 'enterprise-staff', `gatekeeper-${enterprise}`);
const inspector: TestCaller = { role: 'inspector', subject: 'inspector-1', enterprises: [A] };
const cityOperator: TestCaller = { role: 'city-operator', subject: 'operator-1' };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
type Json = any;

/** The body is exactly what the OpenAPI document declares: nothing missing, nothing more. */
function page(answer: ApiAnswer): Json {
  expect({ status: answer.status, body: answer.body }).toMatchObject({ status: 200 });
  expect(refusedAttemptPageSchema.parse(answer.body)).toEqual(answer.body);
  return answer.body as Json;
}

let ledger: LedgerHarness;
let transport: MessagingTransport;
let publisher: ConnectablePublisher;

beforeAll(async () => {
  ledger = await startLedgerHarness();
  const infra = loadInfraEnv();
  transport = await createMessagingTransport(
    kafkaTestMessaging({
      clientId: LEDGER_IT_CLIENT,
      brokers: infra.KAFKA_BROKERS.split(','),
      topicPrefix: ledger.topicPrefix,
    }),
    { logger, openEventLog: openPostgresEventLog },
  );
  await transport.ensureTopics([{ name: transport.physicalTopic(DECIDED) }]);
  publisher = transport.createPublisher();
  await publisher.connect();
  await ledger.service.ready();
});

afterAll(() =>
  releaseAll(
    () => publisher?.disconnect(),
    () => transport?.close(),
    () => ledger?.close(),
  ),
);

const decide = (decision: PayloadOf<typeof DECIDED>) =>
  publisher.publish(DECIDED, {
    enterpriseId: decision.lane.enterpriseId,
    key: decision.lane.laneId,
    payload: decision,
  });
const refused = (api: Api, enterprise: string, query = '') =>
  api(`/enterprises/${enterprise}/refused-attempts${query}`);
/** Waits until the enterprise has `count` refused attempts recorded. */
const recorded = (enterprise: string, count: number): Promise<Json> =>
  expectEventually(async () => {
    const body = page(await refused(ledger.api, enterprise, '?limit=500'));
    expect(body.items).toHaveLength(count);
    return body;
  });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('GET refused-attempts (拦截记录)', () => {
  it('lists a refusal by hand with its operator and reason, beside barrier control’s own; passages are not listed', async () => {
    const waiting = aDecision({
      enterpriseId: A,
      verdict: 'needs-review',
      reasons: ['stage-unknown'],
      plate: { text: '川JK0707', colour: 'yellow' },
      alertLevel: 'orange',
      message: { zh: '川JK0707：排放阶段未知，请人工确认', en: '川JK0707: stage unknown, check' },
      capturedAt: minutesAgo(10),
    });
    const { stage: _stage, ...unknownStage } = waiting;
    // barrier-control's manual refusal: the waiting vehicle's decision, decided again by a person.
    const byHand: PayloadOf<typeof DECIDED> = {
      ...unknownStage,
      decisionId: `man-${waiting.decisionId}`.slice(0, 64),
      verdict: 'deny',
      reasons: ['manual'],
      operator: { id: 'gatekeeper-7', reason: '无随车清单，禁止入厂' },
      message: {
        zh: '川JK0707：人工拒绝（gatekeeper-7）：无随车清单，禁止入厂',
        en: '川JK0707: refused by gatekeeper-7: 无随车清单，禁止入厂',
      },
    };
    await decide(unknownStage);
    await decide(byHand);
    await decide(aDecision({ enterpriseId: A, plate: { text: '冀B11111', colour: 'yellow' } }));
    const body = await recorded(A, 2);

    // Both refusals of the same capture; the allowed truck is a passage, not here.
    expect(body.items.map((r: Json) => r.decisionId).sort()).toEqual(
      [waiting.decisionId, byHand.decisionId].sort(),
    );
    const manual = body.items.find((r: Json) => r.manual);
    expect(manual).toMatchObject({
      enterpriseId: A,
      decisionId: byHand.decisionId,
      plate: '川JK0707',
      plateColour: 'yellow',
      gateId: 'east-1',
      laneId: 'lane-in',
      direction: 'in',
      verdict: 'deny',
      reasons: ['manual'],
      stage: null,
      stageSource: null,
      alertLevel: 'orange',
      message: byHand.message,
      manual: true,
      operator: { id: 'gatekeeper-7', reason: '无随车清单，禁止入厂' },
      capturedAt: new Date(waiting.capturedAt).toISOString(),
      photos: { vehicle: byHand.images.scene, plate: byHand.images.plate },
    });
    expect(body.items.find((r: Json) => !r.manual)).toMatchObject({
      verdict: 'needs-review',
      reasons: ['stage-unknown'],
      operator: null,
      manual: false,
    });

    // Gate staff, the inspector of the enterprise and the city's operator read it; its photo is linked.
    for (const caller of [staff(A), inspector, cityOperator]) {
      const read = page(await refused(ledger.as(caller), A, '?manual=true'));
      expect(read.items.map((r: Json) => r.operator)).toEqual([manual.operator]);
    }
    const photo = await fetch(
      `${ledger.service.url}/api/v1/enterprises/${A}/decisions/${byHand.decisionId}/photos/scene`,
      { redirect: 'manual', headers: { authorization: await ledger.issuer.bearer(staff(A)) } },
    );
    expect(photo.status).toBe(302);
  });

  it('filters by window, plate, gate and by hand, and pages newest first with the passages’ cursor', async () => {
    const E = 'ent-refused-pages';
    const decisions = [
      { plate: '冀C00001', gateId: 'east-1', minutes: 50, manual: false },
      { plate: '冀C00002', gateId: 'west-2', minutes: 40, manual: true },
      { plate: '冀C00001', gateId: 'west-2', minutes: 30, manual: false },
      { plate: '冀C00003', gateId: 'east-1', minutes: 20, manual: true },
      { plate: '冀C00001', gateId: 'east-1', minutes: 10, manual: false },
    ].map(({ plate, gateId, minutes, manual }) => {
      const decision = aDecision({
        enterpriseId: E,
        verdict: 'deny',
        reasons: manual ? ['manual'] : ['stage-below-minimum'],
        plate: { text: plate, colour: 'yellow' },
        capturedAt: minutesAgo(minutes),
        ...(manual ? { operator: { id: 'gatekeeper-1', reason: `refused ${plate}` } } : {}),
      });
      return { ...decision, lane: { ...decision.lane, gateId } };
    });
    for (const decision of decisions) await decide(decision);
    const all = await recorded(E, 5);
    const newestFirst = [...decisions].reverse().map((d) => d.decisionId);
    expect(all.items.map((r: Json) => r.decisionId)).toEqual(newestFirst);
    expect(all.nextCursor).toBeNull();

    const ids = async (query: string) =>
      page(await refused(ledger.api, E, query)).items.map((r: Json) => r.decisionId as string);
    const [d0, d1, d2, d3, d4] = decisions.map((d) => d.decisionId);
    expect(await ids(`?plate=${encodeURIComponent('冀C00001')}`)).toEqual([d4, d2, d0]);
    expect(await ids('?gateId=west-2')).toEqual([d2, d1]);
    expect(await ids('?manual=true')).toEqual([d3, d1]);
    expect(await ids('?manual=false')).toEqual([d4, d2, d0]);
    const window = `?from=${encodeURIComponent(minutesAgo(45))}&to=${encodeURIComponent(minutesAgo(15))}`;
    expect(await ids(window)).toEqual([d3, d2, d1]);
    expect(await ids(`${window}&plate=${encodeURIComponent('冀C00001')}&gateId=west-2`)).toEqual([d2]);

    // Pages of two: every row once, in order, the last page says so.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next: Json = page(await refused(ledger.api, E, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...next.items.map((r: Json) => r.decisionId as string));
      cursor = next.nextCursor as string | null;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(newestFirst);
    expect(pages).toBe(3);
    // The filters hold across pages.
    const first = page(await refused(ledger.api, E, '?manual=false&limit=2'));
    const second = page(
      await refused(ledger.api, E, `?manual=false&limit=2&cursor=${first.nextCursor as string}`),
    );
    expect(second.items.map((r: Json) => r.decisionId)).toEqual([d0]);
    expect(second.nextCursor).toBeNull();

    for (const bad of [
      '?cursor=not-a-cursor',
      '?manual=yes',
      '?limit=0',
      '?stage=VI',
      `?from=${encodeURIComponent(minutesAgo(1))}&to=${encodeURIComponent(minutesAgo(2))}`,
    ]) {
      expect(await refused(ledger.api, E, bad)).toMatchObject({
        status: 400,
        body: { code: 'invalid-request' },
      });
    }
  });

  it('answers one enterprise’s refusals only', async () => {
    await decide(
      aDecision({
        enterpriseId: B,
        verdict: 'deny',
        reasons: ['stage-below-minimum'],
        plate: { text: '川JK0707', colour: 'yellow' },
      }),
    );
    const own = await recorded(B, 1);
    expect(own.items[0]).toMatchObject({ enterpriseId: B, plate: '川JK0707', manual: false });

    // B's staff sees B's refusal only, never A's (not even by A's plate); A's path is not theirs.
    const asB = ledger.as(staff(B));
    const mine = page(await refused(asB, B, `?plate=${encodeURIComponent('川JK0707')}`));
    expect(mine.items.map((r: Json) => r.enterpriseId)).toEqual([B]);
    expect((await refused(asB, A)).status).toBe(404);
    // A's inspector does not read B; nobody without a token reads anything.
    expect((await refused(ledger.as(inspector), B)).status).toBe(404);
    expect((await refused(ledger.anonymous, A)).status).toBe(401);
  });
});
