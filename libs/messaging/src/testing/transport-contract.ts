import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import {
  type ConnectablePublisher,
  DependencyUnavailableError,
  type EventConsumer,
  type EventHandlers,
  FatalError,
  InMemoryProcessedEventStore,
  type KafkaEventConsumerOptions,
  type MessagingTransport,
} from '..';
import { withCorrelationId } from '@ecogate/telemetry';
import { expectEventually } from '@ecogate/testing';

const TOPIC = 'camera.status.changed.v1';
const fastRetry = { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 };
const fastOutage = { initialDelayMs: 10, maxDelayMs: 50 };

export const statusPayload = (cameraId: string): PayloadOf<typeof TOPIC> => ({
  cameraId,
  enterpriseId: 'ent-1',
  status: 'offline',
  reason: 'no answer',
  at: new Date().toISOString(),
});

/**
 * The behaviour every messaging transport owes the services (ADR 0005, 0008), run against each
 * one: `openTransport` gives a transport on a fresh topic prefix, the suite does the rest.
 */
export function describeMessagingTransportContract(
  name: string,
  openTransport: () => Promise<MessagingTransport>,
): void {
  describe(`messaging transport contract: ${name}`, () => {
    let transport: MessagingTransport;
    let publisher: ConnectablePublisher;
    const running = new Set<EventConsumer>();

    beforeAll(async () => {
      transport = await openTransport();
      await transport.ensureTopics([{ name: transport.physicalTopic(TOPIC) }]);
      publisher = transport.createPublisher();
      await publisher.connect();
    });

    afterAll(async () => {
      await Promise.allSettled([...running].map((consumer) => consumer.stop()));
      await publisher?.disconnect();
      await transport?.close();
    });

    async function startConsumer(options: KafkaEventConsumerOptions): Promise<EventConsumer> {
      const consumer = transport.createConsumer(options);
      // The group's dead-letter view reads its replay audit topic too.
      const topics = [...consumer.topics(), ...transport.deadLetters(options.groupId).topics()];
      await transport.ensureTopics(topics.map((topic) => ({ name: topic })));
      await consumer.start();
      await consumer.ready();
      running.add(consumer);
      return consumer;
    }

    async function stopConsumer(consumer: EventConsumer): Promise<void> {
      await consumer.stop();
      running.delete(consumer);
    }

    const group = (what: string): string => `${what}-${randomUUID().slice(0, 8)}`;
    const publish = (key: string, cameraId = key): Promise<EventEnvelope<typeof TOPIC>> =>
      publisher.publish(TOPIC, { enterpriseId: 'ent-1', key, payload: statusPayload(cameraId) });

    it('delivers a published event, typed and validated, with its correlation id', async () => {
      const received: EventEnvelope<typeof TOPIC>[] = [];
      await startConsumer({
        groupId: group('round-trip'),
        handlers: { [TOPIC]: async (event) => void received.push(event) },
      });
      const sent = await withCorrelationId('corr-round-trip', () => publish('cam-rt'));
      await expectEventually(() => expect(received.map((e) => e.eventId)).toContain(sent.eventId));
      const event = received.find((e) => e.eventId === sent.eventId)!;
      expect(event.payload.cameraId).toBe('cam-rt');
      expect(event.correlationId).toBe('corr-round-trip');
    });

    it('keeps per-key order while keys are published and handled concurrently', async () => {
      const keys = ['lane-a', 'lane-b', 'lane-c', 'lane-d'];
      const perKey = 15;
      const seen = new Map<string, string[]>();
      await startConsumer({
        groupId: group('order'),
        partitionsConsumedConcurrently: 3,
        handlers: {
          [TOPIC]: async (event, ctx) => {
            if (!keys.includes(ctx.key ?? '')) return;
            await sleep(Math.floor(Math.random() * 3));
            seen.set(ctx.key!, [...(seen.get(ctx.key!) ?? []), event.payload.cameraId]);
          },
        },
      });
      const sent = new Map<string, string[]>();
      await Promise.all(
        keys.map(async (key) => {
          for (let n = 0; n < perKey; n++) {
            await publish(key, `${key}-${n}`);
            sent.set(key, [...(sent.get(key) ?? []), `${key}-${n}`]);
          }
        }),
      );
      await expectEventually(() => expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(sent)), {
        timeoutMs: 30_000,
      });
    });

    it('retries a failing handler, then dead-letters the message with its cause', async () => {
      const groupId = group('dead-letter');
      const attempts: number[] = [];
      await startConsumer({
        groupId,
        retry: fastRetry,
        handlers: {
          [TOPIC]: async (event, ctx) => {
            if (event.payload.cameraId !== 'cam-poison') return;
            attempts.push(ctx.attempt);
            throw new Error('cannot handle this camera');
          },
        },
      });
      const sent = await publish('cam-poison');
      const letters = transport.deadLetters(groupId);
      const [letter] = await expectEventually(async () => {
        const entries = await letters.list();
        expect(entries).toHaveLength(1);
        return entries;
      });
      expect(attempts).toEqual([1, 2, 3]);
      expect(letter!.record.attempts).toBe(3);
      expect(letter!.record.cause).toMatchObject({ message: 'cannot handle this camera', retriable: true });
      expect(letter!.record.source.topic).toBe(transport.physicalTopic(TOPIC));
      expect(JSON.parse(letter!.record.value)).toMatchObject({ eventId: sent.eventId });
    });

    it('dead-letters a fatal error at once and replays it to the same handler', async () => {
      const groupId = group('replay');
      let healthy = false;
      const handled: string[] = [];
      await startConsumer({
        groupId,
        retry: fastRetry,
        handlers: {
          [TOPIC]: async (event, ctx) => {
            if (event.payload.cameraId !== 'cam-fatal') return;
            if (!healthy) throw new FatalError('unknown-camera', `camera ${event.payload.cameraId} unknown`);
            handled.push(`${event.eventId}@${ctx.attempt}`);
          },
        },
      });
      const sent = await publish('cam-fatal');
      const letters = transport.deadLetters(groupId);
      const [letter] = await expectEventually(async () => {
        const entries = await letters.list();
        expect(entries).toHaveLength(1);
        return entries;
      });
      expect(letter!.record).toMatchObject({
        attempts: 1,
        cause: { code: 'unknown-camera', retriable: false },
      });

      healthy = true;
      const result = await letters.replay({
        ids: [letter!.id],
        operator: 'op-1',
        reason: 'camera registered',
      });
      expect(result.replayed).toHaveLength(1);
      await expectEventually(() => expect(handled).toEqual([`${sent.eventId}@1`]));
      const again = await letters.replay({ ids: [letter!.id], operator: 'op-1', reason: 'twice' });
      expect(again.skipped).toEqual([{ id: letter!.id, why: 'already-replayed' }]);
    });

    it('waits while a dependency is unavailable, degraded, and never dead-letters', async () => {
      const groupId = group('outage');
      let outageLeft = 6; // more than fastRetry.maxAttempts
      const handled: string[] = [];
      const consumer = await startConsumer({
        groupId,
        retry: fastRetry,
        outageBackoff: fastOutage,
        handlers: {
          [TOPIC]: async (event) => {
            if (event.payload.cameraId !== 'cam-outage') return;
            if (outageLeft > 0) {
              outageLeft -= 1;
              throw new DependencyUnavailableError('database-down', 'connection refused');
            }
            handled.push(event.eventId);
          },
        },
      });
      const sent = await publish('cam-outage');
      await expectEventually(() => expect(consumer.health().status).toBe('degraded'));
      await expectEventually(() => expect(handled).toEqual([sent.eventId]));
      expect(consumer.health()).toEqual({ groupId, status: 'ok', stalled: [] });
      expect(await transport.deadLetters(groupId).list()).toEqual([]);
    });

    it('redelivers an event whose handling stopped before the commit', async () => {
      const groupId = group('redeliver');
      const first = await startConsumer({
        groupId,
        outageBackoff: fastOutage,
        handlers: {
          [TOPIC]: async (event) => {
            if (event.payload.cameraId !== 'cam-redeliver') return;
            throw new DependencyUnavailableError('database-down', 'still down');
          },
        },
      });
      const sent = await publish('cam-redeliver');
      await expectEventually(() => expect(first.health().status).toBe('degraded'));
      await stopConsumer(first);

      const received: string[] = [];
      await startConsumer({
        groupId,
        handlers: { [TOPIC]: async (event) => void received.push(event.eventId) },
      });
      await expectEventually(() => expect(received).toContain(sent.eventId));
    });

    it('commits offsets: a restarted group resumes after what it handled', async () => {
      const groupId = group('offsets');
      const processedEvents = new InMemoryProcessedEventStore();
      const firstRun: string[] = [];
      const handlers = (into: string[]): EventHandlers => ({
        [TOPIC]: async (event, ctx) => {
          if (ctx.key === 'cam-offsets') into.push(event.payload.cameraId);
        },
      });
      const first = await startConsumer({ groupId, processedEvents, handlers: handlers(firstRun) });
      for (const n of [1, 2, 3]) await publish('cam-offsets', `before-${n}`);
      await expectEventually(() => expect(firstRun).toEqual(['before-1', 'before-2', 'before-3']));
      await stopConsumer(first);

      for (const n of [4, 5]) await publish('cam-offsets', `after-${n}`);
      const secondRun: string[] = [];
      await startConsumer({ groupId, processedEvents, handlers: handlers(secondRun) });
      await expectEventually(() => expect(secondRun).toEqual(['after-4', 'after-5']));
    });
  });
}
