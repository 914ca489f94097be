import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { DependencyUnavailableError } from '@ecogate/messaging';
import { createLogger } from '@ecogate/telemetry';
import { BarrierCommandService } from '../barrier-command/barrier-command.service';
import { LogDisplay } from '../display/log-display';
import { BarrierDrivers } from '../drivers/barrier-drivers';
import { InMemoryBarrierStore } from '../durable/barrier-store.port';
import { ViolationPublisher } from '../events/violation-publisher';
import { LaneStates } from '../lane-state/lane-states';
import { oneLane } from '../testing/one-lane';
import { RecordingPublisher } from '../testing/recording-publisher';
import { InMemoryVehicleRegistry } from '../vehicles/in-memory-vehicle-registry';
import { type VehicleRegistry } from '../vehicles/vehicle-registry.port';
import { DecideOnReadService } from './decide-on-read.service';

// ADR 0005: a dependency away fails the read and the consumer retries it without limit. The retry
// must finish what the failed try left (store, open), and a failure before deciding must change nothing.

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;
const ENT = 'ent-outage';
const { lane, aRead, settings } = oneLane(ENT);
const away = () => new DependencyUnavailableError('dependency-unavailable', 'database away');

/** A store whose next `failSaves` saves of a decided capture throw as a database that went away. */
class FlakyStore extends InMemoryBarrierStore {
  failSaves = 0;

  override async save(change: Parameters<InMemoryBarrierStore['save']>[0]): Promise<void> {
    if (this.failSaves > 0 && change.capture?.decision) {
      this.failSaves -= 1;
      throw away();
    }
    await super.save(change);
  }
}

function boot(options: { store: InMemoryBarrierStore; vehicles?: VehicleRegistry; fusionWaitMs?: number }) {
  const logger = createLogger({ service: 'dependency-outage-spec', level: 'fatal' });
  const publisher = new RecordingPublisher();
  const lanes = new LaneStates({ openCycleMs: 15_000, reversingWindowSeconds: 60 }, options.store);
  const opens: string[] = [];
  const service = new DecideOnReadService(
    settings,
    options.vehicles ?? new InMemoryVehicleRegistry(settings.vehicles),
    lanes,
    publisher,
    new BarrierCommandService(
      new BarrierDrivers([
        { name: 'vzenith-reply', send: async (_t, command) => void opens.push(command.action) },
      ]),
      publisher,
      logger,
    ),
    new ViolationPublisher(publisher),
    new LogDisplay(logger),
    logger,
    options.fusionWaitMs ?? 0,
  );
  const send = (read: PlateRead) =>
    service.execute({
      eventId: randomUUID(),
      type: 'anpr.plate.read.v1',
      payload: read,
    } as EventEnvelope<'anpr.plate.read.v1'>);
  const decisions = () => publisher.of('gate.barrier.decided.v1');
  return { send, opens, publisher, decisions, phase: () => lanes.get(ENT, lane.laneId)?.phase, service };
}

describe('barrier-control when a dependency is away mid-read', () => {
  it('the database fails after the decision was published: the retried read stores it and opens once', async () => {
    const store = new FlakyStore();
    const gate = boot({ store });
    store.failSaves = 1;
    await expect(gate.send(aRead('camera'))).rejects.toThrow('database away');
    expect(gate.opens).toEqual([]);

    // The consumer's retry of the same read.
    expect(await gate.send(aRead('camera'))).toMatchObject({ readId: 'camera-cap-1', verdict: 'allow' });
    expect(gate.opens).toEqual(['open']);
    expect(new Set(gate.decisions().map((d) => d.decisionId)).size).toBe(1);
    expect(gate.publisher.of('gate.barrier.commanded.v1')).toHaveLength(1);
    expect(gate.phase()).toBe('open');
    expect(await store.capture(lane, 'cap-1')).toMatchObject({
      decision: { readId: 'camera-cap-1' },
      open: { outcome: 'done' },
    });

    // Later redeliveries republish the decision and never open again.
    await gate.send(aRead('camera'));
    expect(gate.opens).toEqual(['open']);
  });

  it('the database fails after the open: the retry stores the outcome without opening again', async () => {
    const store = new FlakyStore();
    const gate = boot({ store });
    const save = jest.spyOn(store, 'save');
    save.mockImplementationOnce(async (change) => InMemoryBarrierStore.prototype.save.call(store, change));
    save.mockImplementationOnce(async () => Promise.reject(away()));
    await expect(gate.send(aRead('camera'))).rejects.toThrow('database away');
    expect(gate.opens).toEqual(['open']);
    expect(await store.capture(lane, 'cap-1')).toMatchObject({ open: { outcome: 'pending' } });
    save.mockRestore();

    await gate.send(aRead('camera'));
    expect(gate.opens).toEqual(['open']);
    expect(gate.publisher.of('gate.barrier.commanded.v1')).toHaveLength(1);
    expect(await store.capture(lane, 'cap-1')).toMatchObject({ open: { outcome: 'done' } });
  });

  it('a retry of the next vehicle finishes the vehicle before it, decided by the failed try', async () => {
    jest.useFakeTimers();
    try {
      const store = new FlakyStore();
      const gate = boot({ store, fusionWaitMs: 5_000 });
      expect(await gate.send(aRead('camera', 'cap-1'))).toBeUndefined(); // held for the server's read
      store.failSaves = 1;
      // The next truck: cap-1 is decided on its camera read, then storing it fails.
      await expect(gate.send(aRead('server', 'cap-2', '冀A77777'))).rejects.toThrow('database away');
      expect(await gate.send(aRead('server', 'cap-2', '冀A77777'))).toMatchObject({ readId: 'server-cap-2' });
      expect(gate.decisions().map((d) => d.readId)).toEqual(['camera-cap-1', 'server-cap-2']);
      expect(await store.capture(lane, 'cap-1')).toMatchObject({ decision: { readId: 'camera-cap-1' } });
    } finally {
      jest.useRealTimers();
    }
  });

  it('the vehicle registry fails before deciding: the retried read is decided, not taken for a late read', async () => {
    const store = new InMemoryBarrierStore();
    const registry = new InMemoryVehicleRegistry(settings.vehicles);
    let fail = true;
    const gate = boot({
      store,
      vehicles: {
        find: (enterpriseId, plate) => (fail ? Promise.reject(away()) : registry.find(enterpriseId, plate)),
      },
    });
    await expect(gate.send(aRead('camera'))).rejects.toThrow('database away');
    expect(gate.decisions()).toEqual([]);
    fail = false;
    expect(await gate.send(aRead('camera'))).toMatchObject({ readId: 'camera-cap-1', verdict: 'allow' });
    expect(gate.opens).toEqual(['open']);
  });

  it('a held read whose wait ends while the database is away is retried until it is decided and stored', async () => {
    jest.useFakeTimers();
    try {
      const store = new FlakyStore();
      const gate = boot({ store, fusionWaitMs: 5_000 });
      await gate.send(aRead('camera'));
      store.failSaves = 3;
      await jest.advanceTimersByTimeAsync(5_000);
      expect(await store.capture(lane, 'cap-1')).not.toHaveProperty('decision');
      await jest.advanceTimersByTimeAsync(3_500);
      expect(gate.decisions().map((d) => d.readId)).toEqual(['camera-cap-1']);
      expect(gate.opens).toEqual(['open']);
      expect(await store.capture(lane, 'cap-1')).toMatchObject({ open: { outcome: 'done' } });
    } finally {
      jest.useRealTimers();
    }
  });
});
