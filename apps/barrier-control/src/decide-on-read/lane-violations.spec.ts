import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { createLogger } from '@ecogate/telemetry';
import { BarrierCommandService } from '../barrier-command/barrier-command.service';
import { LogDisplay } from '../display/log-display';
import { BarrierDrivers } from '../drivers/barrier-drivers';
import { VzenithReplyDriver } from '../drivers/vzenith-reply/vzenith-reply.driver';
import { ViolationPublisher } from '../events/violation-publisher';
import { ConfigGateSettings } from '../gate-settings/config-gate-settings';
import { LaneStates } from '../lane-state/lane-states';
import { RecordingPublisher } from '../testing/recording-publisher';
import { InMemoryVehicleRegistry } from '../vehicles/in-memory-vehicle-registry';
import { DecideOnReadService } from './decide-on-read.service';

// Cutting in and U-turns as decide-on-read publishes them: one gate with an entry and an exit lane,
// the real lane state machine and decisions; only Kafka is replaced by a recording publisher.

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;
const ENT = 'ent-lane-violations';
const T0 = Date.parse('2024-12-01T08:00:00.000Z');
const laneOf = (laneId: 'in-1' | 'out-1') => ({
  enterpriseId: ENT,
  siteId: 'site-1',
  gateId: 'gate-1',
  laneId,
  direction: laneId === 'in-1' ? ('in' as const) : ('out' as const),
});

/** 冀A66666 is registered (国VI: allowed on the orange alert), 冀A44444 too (国IV: refused); others are strangers. */
function harness() {
  const settings = new ConfigGateSettings({
    enterprises: [
      {
        enterpriseId: ENT,
        cargoVolume: '10-or-more',
        alertLevel: 'orange',
        lanes: (['in-1', 'out-1'] as const).map((laneId) => ({
          siteId: 'site-1',
          gateId: 'gate-1',
          laneId,
          direction: laneOf(laneId).direction,
          barrier: { driver: 'vzenith-reply' as const },
        })),
        vehicles: [
          ['冀A66666', 'VI'],
          ['冀A44444', 'IV'],
        ].map(([plate, stage]) => ({
          plate: plate!,
          category: 'heavy-truck' as const,
          fuel: 'diesel' as const,
          evidence: [
            { stage: stage as 'VI' | 'IV', source: 'platform-query' as const, at: '2024-01-01T00:00:00Z' },
          ],
        })),
      },
    ],
  });
  const publisher = new RecordingPublisher();
  const logger = createLogger({ service: 'lane-violations-spec', level: 'fatal' });
  const lanes = new LaneStates({ openCycleMs: 15_000, cutInWindowMs: 30_000, reversingWindowSeconds: 60 });
  const service = new DecideOnReadService(
    settings,
    new InMemoryVehicleRegistry(settings.vehicles),
    lanes,
    publisher,
    new BarrierCommandService(new BarrierDrivers([new VzenithReplyDriver()]), publisher, logger),
    new ViolationPublisher(publisher),
    new LogDisplay(logger),
    logger,
  );
  const send = (
    laneId: 'in-1' | 'out-1',
    text: string,
    seconds: number,
    verdict: 'trusted' | 'needs-review' = 'trusted',
  ) => {
    const captureId = `cap-${laneId}-${text}-${seconds}`;
    const payload: PlateRead = {
      readId: `read-${captureId}`,
      captureId,
      cameraId: `cam-${laneId}`,
      lane: laneOf(laneId),
      capturedAt: new Date(T0 + seconds * 1000).toISOString(),
      source: 'camera',
      plate: { text, colour: 'yellow', confidence: verdict === 'trusted' ? 0.98 : 0.5 },
      verdict,
      reviewReasons: [],
      images: {},
    };
    return service.execute({
      eventId: randomUUID(),
      type: 'anpr.plate.read.v1',
      payload,
    } as EventEnvelope<'anpr.plate.read.v1'>);
  };
  const violations = () => publisher.of('gate.violation.detected.v1');
  return { send, violations };
}

describe('cutting in and U-turns published by decide-on-read', () => {
  it('a truck that squeezes in ahead of one waiting for review: cutting-in, named after the read of the one that cut in', async () => {
    const lane = harness();
    expect(await lane.send('in-1', '冀A66666', 0, 'needs-review')).toMatchObject({ verdict: 'needs-review' });
    await lane.send('in-1', '冀B12345', 4);
    expect(lane.violations()).toEqual([
      {
        violationId: expect.stringMatching(/^vio-/),
        lane: laneOf('in-1'),
        kind: 'cutting-in',
        plate: '冀B12345',
        at: '2024-12-01T08:00:04.000Z',
        details: expect.stringContaining('冀A66666'),
      },
    ]);
  });

  it('a truck waiting for review turns round and leaves by the exit lane: a U-turn on the entry lane, at its entry read; the next truck is no cut-in', async () => {
    const lane = harness();
    await lane.send('in-1', '冀A66666', 0, 'needs-review');
    await lane.send('out-1', '冀A66666', 15);
    await lane.send('in-1', '冀C55555', 20);
    expect(lane.violations().map((v) => [v.kind, v.plate, v.lane.laneId, v.at])).toEqual([
      ['u-turn', '冀A66666', 'in-1', '2024-12-01T08:00:00.000Z'],
    ]);
  });

  it('a U-turn found by both rules (the lane’s next truck first, then the exit lane’s read) is one violation id', async () => {
    const lane = harness();
    await lane.send('in-1', '冀A66666', 0, 'needs-review');
    await lane.send('in-1', '冀C55555', 40);
    await lane.send('out-1', '冀A66666', 50);
    const found = lane.violations();
    expect(found.map((v) => [v.kind, v.plate, v.lane.laneId, v.at])).toEqual([
      ['u-turn', '冀A66666', 'in-1', '2024-12-01T08:00:00.000Z'],
      ['u-turn', '冀A66666', 'in-1', '2024-12-01T08:00:00.000Z'],
    ]);
    // The ledger keeps one row per violation id: the second is a duplicate of the first.
    expect(new Set(found.map((v) => v.violationId)).size).toBe(1);
  });

  it('a refused truck that turns round and leaves by the exit lane: no violation (it was told to leave)', async () => {
    const lane = harness();
    expect(await lane.send('in-1', '冀A44444', 0)).toMatchObject({ verdict: 'deny' });
    await lane.send('out-1', '冀A44444', 30);
    await lane.send('in-1', '冀A66666', 45);
    expect(lane.violations()).toEqual([]);
  });

  it('an allowed truck read leaving by the exit lane within the window is still reversing', async () => {
    const lane = harness();
    expect(await lane.send('in-1', '冀A66666', 0)).toMatchObject({ verdict: 'allow' });
    await lane.send('out-1', '冀A66666', 30);
    expect(lane.violations().map((v) => [v.kind, v.plate, v.lane.laneId])).toEqual([
      ['reversing', '冀A66666', 'out-1'],
    ]);
  });
});
