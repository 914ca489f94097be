import { createLogger } from '@ecogate/telemetry';
import { expectEventually } from '@ecogate/testing';
import { EmbeddedBus } from './embedded-bus';
import { EmbeddedEventConsumer } from './embedded-event-consumer';
import { EmbeddedEventPublisher } from './embedded-event-publisher';
import { InMemoryEventLog } from './in-memory-event-log';
import { partitionForKey } from './partitioner';

const TOPIC = 'camera.status.changed.v1';
const logger = createLogger({ service: 'embedded-consumer-spec', level: 'fatal' });

describe('EmbeddedEventConsumer', () => {
  it('is degraded while the event log is unreachable, and catches up when it is back', async () => {
    const log = new InMemoryEventLog();
    const bus = new EmbeddedBus({ log, logger, pollIntervalMs: 10 });
    await bus.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    const received: string[] = [];
    const consumer = new EmbeddedEventConsumer(bus, {
      groupId: 'g',
      outageBackoff: { initialDelayMs: 5, maxDelayMs: 20 },
      handlers: { [TOPIC]: async (event) => void received.push(event.payload.cameraId) },
    });
    await bus.ensureTopics(consumer.topics().map((name) => ({ name })));
    await consumer.start();
    const read = jest
      .spyOn(log, 'read')
      .mockRejectedValue(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    await expectEventually(() => expect(consumer.health().status).toBe('degraded'));
    await new EmbeddedEventPublisher(bus).publish(TOPIC, {
      enterpriseId: 'ent-1',
      key: 'cam-1',
      payload: {
        cameraId: 'cam-1',
        enterpriseId: 'ent-1',
        status: 'online',
        reason: 'ok',
        at: new Date().toISOString(),
      },
    });
    read.mockRestore();
    await expectEventually(() => expect(received).toEqual(['cam-1']));
    expect(consumer.health().status).toBe('ok');
    await consumer.stop();
  });
});

describe('EmbeddedEventConsumer and its group lease', () => {
  const statusEvent = (cameraId: string) => ({
    enterpriseId: 'ent-1',
    key: cameraId,
    payload: {
      cameraId,
      enterpriseId: 'ent-1',
      status: 'online' as const,
      reason: 'ok',
      at: new Date().toISOString(),
    },
  });

  it('stops reading when the lease is lost, takes it again once the log is back, and goes on from the committed offsets', async () => {
    const log = new InMemoryEventLog();
    const leases: { release: jest.Mock; lose: (cause: Error) => void }[] = [];
    let unreachable = 0;
    const leaseGroup = jest.fn(async () => {
      if (unreachable > 0) {
        unreachable -= 1;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      }
      let lose: (cause: Error) => void = () => undefined;
      const lost = new Promise<Error>((resolve) => (lose = resolve));
      const lease = { release: jest.fn(async () => undefined), lose };
      leases.push(lease);
      return { release: lease.release, lost };
    });
    Object.assign(log, { leaseGroup });
    const bus = new EmbeddedBus({ log, logger, pollIntervalMs: 10 });
    await bus.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    const received: string[] = [];
    const consumer = new EmbeddedEventConsumer(bus, {
      groupId: 'g',
      outageBackoff: { initialDelayMs: 5, maxDelayMs: 20 },
      handlers: { [TOPIC]: async (event) => void received.push(event.payload.cameraId) },
    });
    await bus.ensureTopics(consumer.topics().map((name) => ({ name })));
    await consumer.start();
    const publisher = new EmbeddedEventPublisher(bus);
    await publisher.publish(TOPIC, statusEvent('cam-1'));
    await expectEventually(() => expect(received).toEqual(['cam-1']));

    // The lease's connection drops while the log is away: two attempts to take it again fail.
    unreachable = 2;
    const read = jest.spyOn(log, 'read');
    leases[0]!.lose(new Error('read ECONNRESET'));
    await expectEventually(() => expect(leaseGroup).toHaveBeenCalledTimes(4));
    expect(leases[0]!.release).toHaveBeenCalled();
    // Nothing is read while the group is not held (from the first attempt to take it again to the one that did).
    const [, retry, , retaken] = leaseGroup.mock.invocationCallOrder;
    expect(read.mock.invocationCallOrder.filter((order) => order > retry! && order < retaken!)).toEqual([]);
    const readsWhenRetaken = read.mock.calls.length;
    await publisher.publish(TOPIC, statusEvent('cam-2'));
    await expectEventually(() => expect(received).toEqual(['cam-1', 'cam-2']));
    expect(read.mock.calls.length).toBeGreaterThan(readsWhenRetaken);

    await consumer.stop();
    expect(leases).toHaveLength(2);
    expect(leases[1]!.release).toHaveBeenCalled();
  });

  it('does not take the lease again once stopped', async () => {
    const log = new InMemoryEventLog();
    let lose: (cause: Error) => void = () => undefined;
    const leaseGroup = jest.fn(async () => ({
      release: async () => undefined,
      lost: new Promise<Error>((resolve) => (lose = resolve)),
    }));
    Object.assign(log, { leaseGroup });
    const bus = new EmbeddedBus({ log, logger, pollIntervalMs: 10 });
    await bus.ensureTopics([{ name: TOPIC, partitions: 1 }]);
    const consumer = new EmbeddedEventConsumer(bus, {
      groupId: 'g',
      handlers: { [TOPIC]: async () => undefined },
    });
    await bus.ensureTopics(consumer.topics().map((name) => ({ name })));
    await consumer.start();
    await consumer.stop();
    lose(new Error('the lease connection ended'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(leaseGroup).toHaveBeenCalledTimes(1);
  });
});

describe('an ephemeral EmbeddedEventConsumer (a live view)', () => {
  const statusEvent = (cameraId: string) => ({
    enterpriseId: 'ent-1',
    key: cameraId,
    payload: {
      cameraId,
      enterpriseId: 'ent-1',
      status: 'online' as const,
      reason: 'ok',
      at: new Date().toISOString(),
    },
  });

  it('starts at the end, takes no lease, commits nothing, owns no topics and skips what it cannot handle', async () => {
    const log = new InMemoryEventLog();
    const leaseGroup = jest.fn();
    Object.assign(log, { leaseGroup });
    const commit = jest.spyOn(log, 'commit');
    const bus = new EmbeddedBus({ log, logger, pollIntervalMs: 10 });
    await bus.ensureTopics([{ name: TOPIC, partitions: 2 }]);
    const publisher = new EmbeddedEventPublisher(bus);
    await publisher.publish(TOPIC, statusEvent('cam-before'));
    const received: string[] = [];
    const consumer = new EmbeddedEventConsumer(bus, {
      groupId: 'live-1',
      ephemeral: true,
      fromBeginning: true,
      retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
      handlers: {
        [TOPIC]: async (event) => {
          if (event.payload.cameraId === 'cam-refused') throw new Error('handler refuses');
          received.push(event.payload.cameraId);
        },
      },
    });
    expect(consumer.topics()).toEqual([TOPIC]);
    await consumer.start();
    await consumer.ready();
    await publisher.publish(TOPIC, statusEvent('cam-refused'));
    await bus.append(TOPIC, 'cam-x', 'not json', {});
    await publisher.publish(TOPIC, statusEvent('cam-after'));
    await expectEventually(() => expect(received).toEqual(['cam-after']));
    expect(leaseGroup).not.toHaveBeenCalled();
    expect(commit).not.toHaveBeenCalled();
    await consumer.stop();
  });
});

describe('partitionForKey', () => {
  it('puts one key on one partition, stably, and spreads keys', () => {
    expect(partitionForKey('lane-7', 3, () => 0)).toBe(partitionForKey('lane-7', 3, () => 99));
    const used = new Set(Array.from({ length: 50 }, (_, n) => partitionForKey(`lane-${n}`, 3, () => 0)));
    expect(used).toEqual(new Set([0, 1, 2]));
    expect(() => partitionForKey('k', 0, () => 0)).toThrow(RangeError);
  });
});
