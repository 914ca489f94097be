import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { createLogger } from '@ecogate/telemetry';
import { BarrierCommandService } from '../barrier-command/barrier-command.service';
import { LogDisplay } from '../display/log-display';
import { type BarrierDriver } from '../drivers/barrier-driver';
import { BarrierDrivers } from '../drivers/barrier-drivers';
import { InMemoryBarrierStore } from '../durable/barrier-store.port';
import { ViolationPublisher } from '../events/violation-publisher';
import { LaneStates } from '../lane-state/lane-states';
import { oneLane } from '../testing/one-lane';
import { RecordingPublisher } from '../testing/recording-publisher';
import { InMemoryVehicleRegistry } from '../vehicles/in-memory-vehicle-registry';
import { DecideOnReadService } from './decide-on-read.service';

// A crash (kill -9) is an instance abandoned with its timers cleared; the restart is a new instance
// on the same store. What one instance stored must keep the next from deciding or opening again.

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;
const ENT = 'ent-restart';
const WAIT_MS = 5_000;
const { lane, aRead, settings } = oneLane(ENT);

/** One process lifetime: everything in memory is new, the store and what was published stay. */
async function boot(store: InMemoryBarrierStore, publisher: RecordingPublisher, driver?: BarrierDriver) {
  const logger = createLogger({ service: 'restart-spec', level: 'fatal' });
  const lanes = new LaneStates({ openCycleMs: 15_000, reversingWindowSeconds: 60 }, store);
  const opens: string[] = [];
  const recording: BarrierDriver = driver ?? {
    name: 'vzenith-reply',
    send: async (_target, command) => void opens.push(command.action),
  };
  const service = new DecideOnReadService(
    settings,
    new InMemoryVehicleRegistry(settings.vehicles),
    lanes,
    publisher,
    new BarrierCommandService(new BarrierDrivers([recording]), publisher, logger),
    new ViolationPublisher(publisher),
    new LogDisplay(logger),
    logger,
    WAIT_MS,
  );
  await service.resume();
  const send = (read: PlateRead) =>
    service.execute({
      eventId: randomUUID(),
      type: 'anpr.plate.read.v1',
      payload: read,
    } as EventEnvelope<'anpr.plate.read.v1'>);
  return { send, opens, phase: () => lanes.get(ENT, lane.laneId)?.phase, service };
}

/** kill -9: no flush, no pending timer survives. */
const crash = () => jest.clearAllTimers();

describe('barrier-control across a restart', () => {
  let store: InMemoryBarrierStore;
  let publisher: RecordingPublisher;
  const decisionIds = () => new Set(publisher.of('gate.barrier.decided.v1').map((d) => d.decisionId));
  const commanded = () => publisher.of('gate.barrier.commanded.v1');

  beforeEach(() => {
    jest.useFakeTimers();
    store = new InMemoryBarrierStore();
    publisher = new RecordingPublisher();
  });
  afterEach(() => jest.useRealTimers());

  it('a held read survives a crash within its wait: the late server read is fused with it, one open', async () => {
    const first = await boot(store, publisher);
    expect(await first.send(aRead('camera'))).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1_000);
    crash();

    const second = await boot(store, publisher);
    expect(second.phase()).toBe('vehicle-present');
    expect(await second.send(aRead('server'))).toMatchObject({ verdict: 'allow', readId: 'server-cap-1' });
    // Kafka redelivers the camera read (its offset was committed, but a re-push may come anyway).
    expect(await second.send(aRead('camera'))).toMatchObject({ readId: 'server-cap-1' });
    await jest.advanceTimersByTimeAsync(WAIT_MS * 2);
    expect(decisionIds().size).toBe(1);
    expect([...first.opens, ...second.opens]).toEqual(['open']);
    expect(commanded()).toHaveLength(1);
    expect(second.phase()).toBe('open');
  });

  it('a held read whose wait ran out while down is decided at start; late and redelivered reads change nothing', async () => {
    const first = await boot(store, publisher);
    await first.send(aRead('camera'));
    crash();
    jest.setSystemTime(Date.now() + WAIT_MS * 2);

    const second = await boot(store, publisher);
    await jest.advanceTimersByTimeAsync(0);
    expect(publisher.of('gate.barrier.decided.v1')).toMatchObject([
      { readId: 'camera-cap-1', verdict: 'allow' },
    ]);
    expect(second.opens).toEqual(['open']);

    expect(await second.send(aRead('server'))).toBeUndefined();
    expect(await second.send(aRead('camera'))).toMatchObject({ readId: 'camera-cap-1' });
    expect(decisionIds().size).toBe(1);
    expect(commanded()).toHaveLength(1);
  });

  it('a decision taken before a crash is republished on redelivery, never decided or opened again', async () => {
    const first = await boot(store, publisher);
    await first.send(aRead('camera'));
    await first.send(aRead('server'));
    crash();

    const second = await boot(store, publisher);
    expect(second.phase()).toBe('open');
    expect(await second.send(aRead('server'))).toMatchObject({ readId: 'server-cap-1' });
    expect(await second.send(aRead('camera'))).toMatchObject({ readId: 'server-cap-1' });
    expect(decisionIds().size).toBe(1);
    expect(publisher.of('gate.barrier.decided.v1')).toHaveLength(3);
    expect(second.opens).toEqual([]);
    expect(commanded()).toHaveLength(1);
  });

  it('a late read of an earlier vehicle (the lane moved on, then a restart) decides nothing', async () => {
    const first = await boot(store, publisher);
    await first.send(aRead('camera', 'cap-1'));
    await first.send(aRead('camera', 'cap-2', '冀A77777')); // the next truck: cap-1 is decided on its camera read
    crash();

    const second = await boot(store, publisher);
    expect(await second.send(aRead('server', 'cap-1'))).toBeUndefined();
    expect(await second.send(aRead('server', 'cap-2', '冀A77777'))).toMatchObject({ readId: 'server-cap-2' });
    expect(publisher.of('gate.barrier.decided.v1').map((d) => d.readId)).toEqual([
      'camera-cap-1',
      'server-cap-2',
    ]);
  });

  it('a crash while the barrier is being commanded: the open is not repeated after the restart', async () => {
    const hanging: BarrierDriver = { name: 'vzenith-reply', send: () => new Promise<void>(() => undefined) };
    const first = await boot(store, publisher, hanging);
    await first.send(aRead('camera'));
    void first.send(aRead('server')); // decided and stored, the driver never answers
    await jest.advanceTimersByTimeAsync(0);
    expect(decisionIds().size).toBe(1);
    crash();

    const second = await boot(store, publisher);
    expect(await second.send(aRead('server'))).toMatchObject({ readId: 'server-cap-1' });
    expect(second.opens).toEqual([]);
    expect(commanded()).toEqual([]);
    expect(second.phase()).toBe('opening');
  });
});
