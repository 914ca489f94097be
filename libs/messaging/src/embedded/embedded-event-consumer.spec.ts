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

describe('partitionForKey', () => {
  it('puts one key on one partition, stably, and spreads keys', () => {
    expect(partitionForKey('lane-7', 3, () => 0)).toBe(partitionForKey('lane-7', 3, () => 99));
    const used = new Set(Array.from({ length: 50 }, (_, n) => partitionForKey(`lane-${n}`, 3, () => 0)));
    expect(used).toEqual(new Set([0, 1, 2]));
    expect(() => partitionForKey('k', 0, () => 0)).toThrow(RangeError);
  });
});
