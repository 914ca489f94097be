import { randomUUID } from 'node:crypto';
import { type Principal } from '@ecogate/auth';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { createLogger } from '@ecogate/telemetry';
import { BarrierCommandService } from '../barrier-command/barrier-command.service';
import { DecideOnReadService } from '../decide-on-read/decide-on-read.service';
import { LogDisplay } from '../display/log-display';
import { BarrierDrivers } from '../drivers/barrier-drivers';
import { VzenithReplyDriver } from '../drivers/vzenith-reply/vzenith-reply.driver';
import { ViolationPublisher } from '../events/violation-publisher';
import { ConfigGateSettings } from '../gate-settings/config-gate-settings';
import { LaneStates } from '../lane-state/lane-states';
import { RecordingPublisher } from '../testing/recording-publisher';
import { InMemoryVehicleRegistry } from '../vehicles/in-memory-vehicle-registry';
import { ManualControlController } from './manual-control.controller';
import { type ManualCommand, ManualControlService } from './manual-control.service';

// Manual actions with the real lane machine, decision mapping and Vzenith driver; Kafka replaced
// by a recording publisher. A retried release must not be a second passage.

const ENT = 'ent-manual';
const LANE = 'in-1';

function harness() {
  const settings = new ConfigGateSettings({
    enterprises: [
      {
        enterpriseId: ENT,
        cargoVolume: '10-or-more',
        alertLevel: 'orange',
        lanes: [
          { siteId: 's', gateId: 'g', laneId: LANE, direction: 'in', barrier: { driver: 'vzenith-reply' } },
          { siteId: 's', gateId: 'g', laneId: 'in-2', direction: 'in', barrier: { driver: 'vzenith-reply' } },
        ],
      },
    ],
  });
  const publisher = new RecordingPublisher();
  const logger = createLogger({ service: 'manual-control-spec', level: 'fatal' });
  const lanes = new LaneStates({ openCycleMs: 15_000, reversingWindowSeconds: 60 });
  const commands = new BarrierCommandService(
    new BarrierDrivers([new VzenithReplyDriver()]),
    publisher,
    logger,
  );
  const decideOnRead = new DecideOnReadService(
    settings,
    new InMemoryVehicleRegistry([]),
    lanes,
    publisher,
    commands,
    new ViolationPublisher(publisher),
    new LogDisplay(logger),
    logger,
    0,
  );
  const manual = new ManualControlService(settings, lanes, decideOnRead, publisher, commands);
  /** A truck nobody registered arrives in orange: refused, it waits at the lane for an operator. */
  const arrive = (plate: string, laneId = LANE) => {
    const read: PayloadOf<'anpr.plate.read.v1'> = {
      readId: `read-${plate}`,
      captureId: `cap-${plate}`,
      cameraId: 'cam-1',
      lane: { enterpriseId: ENT, siteId: 's', gateId: 'g', laneId, direction: 'in' },
      capturedAt: '2024-12-01T08:00:00.000Z',
      source: 'camera',
      plate: { text: plate, colour: 'yellow', confidence: 0.98 },
      verdict: 'trusted',
      reviewReasons: [],
      images: {},
    };
    return decideOnRead.execute({
      eventId: randomUUID(),
      type: 'anpr.plate.read.v1',
      payload: read,
    } as EventEnvelope<'anpr.plate.read.v1'>);
  };
  const manualDecisions = () => publisher.of('gate.barrier.decided.v1').filter((d) => d.operator);
  return {
    manual,
    arrive,
    manualDecisions,
    commands: () => publisher.of('gate.barrier.commanded.v1'),
  };
}

const release = (idempotencyKey: string, reason = '驾驶员出示纸质随车清单'): ManualCommand => ({
  action: 'release',
  reason,
  operatorId: 'guard-7',
  idempotencyKey,
});

describe('manual actions are idempotent by the client key', () => {
  it('the same release sent twice: one decision, one barrier command, the same answer', async () => {
    const lane = harness();
    await lane.arrive('冀E00001');
    const first = await lane.manual.execute(ENT, LANE, release('op-7f3a9c21'));
    const retried = await lane.manual.execute(ENT, LANE, release('op-7f3a9c21'));

    expect(retried).toEqual(first);
    expect(lane.manualDecisions()).toHaveLength(1);
    expect(lane.commands()).toHaveLength(1);
    expect(first.decision).toMatchObject({
      verdict: 'allow',
      reasons: ['manual'],
      operator: { id: 'guard-7' },
    });
    expect(first.command).toMatchObject({ action: 'open', trigger: 'manual', outcome: 'done' });
  });

  it('a retry racing its original (both in flight) still decides and commands once', async () => {
    const lane = harness();
    await lane.arrive('冀E00002');
    const [a, b] = await Promise.all([
      lane.manual.execute(ENT, LANE, release('op-race-0001')),
      lane.manual.execute(ENT, LANE, release('op-race-0001')),
    ]);
    expect(b).toEqual(a);
    expect(lane.manualDecisions()).toHaveLength(1);
    expect(lane.commands()).toHaveLength(1);
  });

  it('the decision id follows from (enterprise, lane, key): the same on another instance, other for another key or lane', async () => {
    const [one, two] = [harness(), harness()];
    await one.arrive('冀E00003');
    await two.arrive('冀E00003');
    await two.arrive('冀E00004', 'in-2');
    const a = await one.manual.execute(ENT, LANE, release('op-key-0001'));
    // After a restart (a new instance) the stored answer is gone, but the ledger still sees the same decision id.
    const b = await two.manual.execute(ENT, LANE, release('op-key-0001'));
    const otherLane = await two.manual.execute(ENT, 'in-2', release('op-key-0001'));
    expect(b.decision?.decisionId).toBe(a.decision?.decisionId);
    expect(a.decision?.decisionId).toMatch(/^man-[0-9a-f]{32}$/);
    expect(otherLane.decision?.decisionId).not.toBe(a.decision?.decisionId);
  });

  it('different keys are different actions: two decisions and two commands', async () => {
    const lane = harness();
    await lane.arrive('冀E00005');
    const first = await lane.manual.execute(ENT, LANE, release('op-first-001'));
    const second = await lane.manual.execute(ENT, LANE, release('op-second-01'));
    expect(second.decision?.decisionId).not.toBe(first.decision?.decisionId);
    expect(lane.manualDecisions()).toHaveLength(2);
    expect(lane.commands()).toHaveLength(2);
  });

  it('the same key with a different request is a conflict, and nothing happens', async () => {
    const lane = harness();
    await lane.arrive('冀E00006');
    await lane.manual.execute(ENT, LANE, release('op-reused-01'));
    await expect(
      lane.manual.execute(ENT, LANE, { ...release('op-reused-01'), action: 'refuse' }),
    ).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    await expect(
      lane.manual.execute(ENT, LANE, release('op-reused-01', 'another reason')),
    ).rejects.toMatchObject({
      code: 'idempotency-key-reused',
    });
    expect(lane.manualDecisions()).toHaveLength(1);
    expect(lane.commands()).toHaveLength(1);
  });
});

describe('the manual endpoint requires an Idempotency-Key', () => {
  const executed: unknown[] = [];
  const controller = new ManualControlController({
    execute: async (...args: unknown[]) => {
      executed.push(args);
      return {};
    },
  } as unknown as ManualControlService);
  // What the policy guard put on the request (the guard itself runs in the int specs).
  const gatekeeper: Principal = {
    subject: 'guard-7',
    name: '门卫七',
    role: 'enterprise-staff',
    enterprises: [ENT],
    districts: [],
    scopes: [],
  };
  const body = { action: 'release', reason: 'ok' };

  it.each([undefined, ''])('a missing key (%p) is idempotency-key-required', (key) => {
    expect(() => controller.act(ENT, LANE, gatekeeper, key, body)).toThrow(
      expect.objectContaining({ code: 'idempotency-key-required' }),
    );
  });

  it.each(['short', 'x'.repeat(129), 'has space 123', 'bad/slash-123'])(
    'a malformed key %p is invalid-request',
    (key) => {
      expect(() => controller.act(ENT, LANE, gatekeeper, key, body)).toThrow(
        expect.objectContaining({ code: 'invalid-request' }),
      );
    },
  );

  it.each([
    'op-7f3a9c21',
    'a'.repeat(128),
    '2024-12-01T08:00:00.000Z',
    'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  ])('accepts %p', async (key) => {
    await expect(controller.act(ENT, LANE, gatekeeper, key, body)).resolves.toEqual({});
    // The operator is the caller's token subject.
    expect(executed.at(-1)).toEqual([ENT, LANE, expect.objectContaining({ operatorId: 'guard-7' })]);
  });
});
