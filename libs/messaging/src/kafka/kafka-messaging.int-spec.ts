import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type PayloadOf } from '@ecogate/contracts';
import { createLogger, withCorrelationId } from '@ecogate/telemetry';
import { expectEventually, kafkaClientOptions, releaseAll } from '@ecogate/testing';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { type Consumer, type Kafka } from 'kafkajs';
import { consumerGroupTopics, type DeadLetterRecord } from '../dead-letter';
import { FatalError, RetriableError } from '../errors';
import { type EventContext, type EventHandlers } from '../event-handler';
import { InMemoryProcessedEventStore } from '../idempotency/processed-event-store';
import { KafkaEventTransport, PassThroughRpcErrors } from '../nest/kafka-event-transport';
import { createKafka, type KafkaMessagingOptions } from './kafka-client';
import { KafkaEventConsumer, type KafkaEventConsumerOptions } from './kafka-event-consumer';
import { KafkaEventPublisher } from './kafka-event-publisher';
import { ensureTopics } from './topic-admin';

const TOPIC = 'camera.status.changed.v1';
const fastRetry = { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 };

const statusPayload = (cameraId: string): PayloadOf<typeof TOPIC> => ({
  cameraId,
  enterpriseId: 'ent-1',
  status: 'offline',
  reason: 'no answer',
  at: new Date().toISOString(),
});

describe('Kafka messaging against the real broker', () => {
  let options: KafkaMessagingOptions;
  let kafka: Kafka;
  let publisher: KafkaEventPublisher;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    // A fresh topic prefix per run keeps this file independent of every other run.
    options = {
      ...kafkaClientOptions(),
      clientId: 'messaging-int',
      topicPrefix: `it-${randomUUID().slice(0, 8)}.`,
      logger: createLogger({ service: 'messaging-int', level: 'fatal' }),
    };
    kafka = createKafka(options);
    await ensureTopics(kafka, [{ name: `${options.topicPrefix}${TOPIC}` }]);
    publisher = new KafkaEventPublisher(kafka, options);
    await publisher.connect();
  });

  afterAll(() =>
    releaseAll(
      () => Promise.all(running.map((r) => r.stop())),
      () => publisher.disconnect(),
    ),
  );

  async function startConsumer(consumerOptions: KafkaEventConsumerOptions): Promise<KafkaEventConsumer> {
    const consumer = new KafkaEventConsumer(kafka, options, consumerOptions);
    await ensureTopics(
      kafka,
      consumer.topics().map((name) => ({ name })),
    );
    await consumer.start();
    await consumer.ready();
    running.push(consumer);
    return consumer;
  }

  async function readDeadLetters(topic: string, count: number): Promise<DeadLetterRecord[]> {
    const records: DeadLetterRecord[] = [];
    const reader: Consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        records.push(JSON.parse(message.value!.toString()) as DeadLetterRecord);
      },
    });
    try {
      await expectEventually(() => expect(records.length).toBeGreaterThanOrEqual(count), {
        timeoutMs: 30_000,
      });
    } finally {
      await reader.disconnect();
    }
    return records;
  }

  it('lets services that boot together create the same new topics without failing', async () => {
    const names = [1, 2, 3, 4, 5, 6].map((n) => ({
      name: `${options.topicPrefix}race-${randomUUID()}-${n}`,
    }));
    const clients = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => createKafka({ ...options, clientId: `race-${n}` }));

    // Overlapping sets, as when each service creates the topics it consumes and publishes.
    await Promise.all(
      clients.map((client, i) =>
        ensureTopics(client, [names[i % 6]!, names[(i + 1) % 6]!, names[(i + 3) % 6]!]),
      ),
    );

    const admin = kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: names.map((topic) => topic.name) });
      expect(metadata.topics.map((topic) => topic.partitions.length)).toEqual([3, 3, 3, 3, 3, 3]);
    } finally {
      await admin.disconnect();
    }
  });

  it('delivers a published event, typed and validated, with its correlation id', async () => {
    const received: EventEnvelope<typeof TOPIC>[] = [];
    await startConsumer({
      groupId: `round-trip-${randomUUID().slice(0, 8)}`,
      handlers: { [TOPIC]: async (event) => void received.push(event) },
    });
    const sent = await withCorrelationId('corr-round-trip', () =>
      publisher.publish(TOPIC, { enterpriseId: 'ent-1', key: 'cam-rt', payload: statusPayload('cam-rt') }),
    );
    await expectEventually(() => expect(received.map((e) => e.eventId)).toContain(sent.eventId));
    const event = received.find((e) => e.eventId === sent.eventId)!;
    expect(event.payload.cameraId).toBe('cam-rt');
    expect(event.correlationId).toBe('corr-round-trip');
  });

  it('retries a failing handler, then dead-letters the message with its cause', async () => {
    const attempts: number[] = [];
    const groupId = `retry-${randomUUID().slice(0, 8)}`;
    const consumer = await startConsumer({
      groupId,
      retry: fastRetry,
      handlers: {
        [TOPIC]: async (event, ctx) => {
          if (event.payload.cameraId !== 'cam-retry') return;
          attempts.push(ctx.attempt);
          throw new RetriableError('ledger-unavailable', 'database refused the connection');
        },
      },
    });
    const sent = await publisher.publish(TOPIC, {
      enterpriseId: 'ent-1',
      key: 'cam-retry',
      payload: statusPayload('cam-retry'),
    });
    const [record] = (await readDeadLetters(consumer.deadLetterTopic(), 1)).filter((r) =>
      r.value.includes(sent.eventId),
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(record).toMatchObject({
      consumerGroup: groupId,
      attempts: 3,
      cause: { code: 'ledger-unavailable', retriable: true },
      valueEncoding: 'utf8',
    });
    expect(JSON.parse(record!.value)).toMatchObject({ eventId: sent.eventId, type: TOPIC });
  });

  it('dead-letters undecodable messages and fatal errors at once, and goes on with the next', async () => {
    // A fatal error is not retried: dead-lettered on its first attempt.
    const handled: string[] = [];
    const consumer = await startConsumer({
      groupId: `fatal-${randomUUID().slice(0, 8)}`,
      retry: fastRetry,
      handlers: {
        [TOPIC]: async (event) => {
          if (event.payload.cameraId === 'cam-poison')
            throw new FatalError('unknown-camera', 'camera not registered');
          handled.push(event.payload.cameraId);
        },
      },
    });
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({
      topic: `${options.topicPrefix}${TOPIC}`,
      messages: [{ key: 'x', value: 'not json {' }],
    });
    await raw.disconnect();
    await publisher.publish(TOPIC, {
      enterpriseId: 'ent-1',
      key: 'cam-poison',
      payload: statusPayload('cam-poison'),
    });
    await publisher.publish(TOPIC, {
      enterpriseId: 'ent-1',
      key: 'cam-after',
      payload: statusPayload('cam-after'),
    });

    const records = await readDeadLetters(consumer.deadLetterTopic(), 2);
    expect(records.map((r) => [r.cause.code, r.attempts]).sort()).toEqual([
      ['not-json', 1],
      ['unknown-camera', 1],
    ]);
    await expectEventually(() => expect(handled).toContain('cam-after'));
  });

  it('handles a redelivered event once', async () => {
    const store = new InMemoryProcessedEventStore();
    const groupId = `once-${randomUUID().slice(0, 8)}`;
    const handled: string[] = [];
    const handlers: EventHandlers = {
      [TOPIC]: async (event) => void handled.push(event.eventId),
    };
    const first = await startConsumer({
      groupId,
      handlers,
      processedEvents: store,
      claimBeforeHandling: true,
    });
    const sent = await publisher.publish(TOPIC, {
      enterpriseId: 'ent-1',
      key: 'cam-once',
      payload: statusPayload('cam-once'),
    });
    // The producer retried after a lost acknowledgement: the same envelope arrives twice.
    await publisher.publishEnvelope(sent, 'cam-once');
    await expectEventually(() => expect(handled.filter((id) => id === sent.eventId)).toHaveLength(1));

    // The group loses its offsets (a rebalance before commit, an operator reset): all is redelivered.
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({
      groupId: `${options.topicPrefix}${groupId}`,
      topic: `${options.topicPrefix}${TOPIC}`,
      earliest: true,
    });
    await admin.disconnect();
    const seenAgain: string[] = [];
    await startConsumer({
      groupId,
      processedEvents: store,
      claimBeforeHandling: true,
      handlers: {
        [TOPIC]: async (event, ctx) => {
          seenAgain.push(event.eventId);
          await handlers[TOPIC]!(event, ctx);
        },
      },
    });
    const later = await publisher.publish(TOPIC, {
      enterpriseId: 'ent-1',
      key: 'cam-once',
      payload: statusPayload('cam-once'),
    });
    await expectEventually(() => expect(handled).toContain(later.eventId));
    expect(handled.filter((id) => id === sent.eventId)).toHaveLength(1);
    expect(seenAgain).not.toContain(sent.eventId);
  });

  it('dispatches to Nest @EventPattern handlers and keeps their error codes', async () => {
    const seen: string[] = [];

    @Controller()
    class CameraStatusConsumer {
      @EventPattern(TOPIC)
      async onStatus(@Payload() event: EventEnvelope<typeof TOPIC>, @Ctx() ctx: EventContext): Promise<void> {
        if (event.payload.cameraId === 'cam-nest-bad')
          throw new FatalError('camera-retired', 'camera was retired');
        seen.push(`${event.payload.cameraId}@${ctx.attempt}`);
      }
    }

    @Module({ controllers: [CameraStatusConsumer] })
    class TestModule {}

    const groupId = `nest-${randomUUID().slice(0, 8)}`;
    let consumer: KafkaEventConsumer | undefined;
    const transport = new KafkaEventTransport(
      (consumerOptions) => (consumer = new KafkaEventConsumer(kafka, options, consumerOptions)),
      { groupId, retry: fastRetry },
    );
    await ensureTopics(
      kafka,
      consumerGroupTopics(groupId).map((topic) => ({ name: `${options.topicPrefix}${topic}` })),
    );
    const app = await NestFactory.createMicroservice(TestModule, { strategy: transport, logger: false });
    app.useGlobalFilters(new PassThroughRpcErrors());
    await app.listen();
    running.push({ stop: () => app.close() });
    await consumer!.ready();

    await publisher.publish(TOPIC, {
      enterpriseId: 'ent-1',
      key: 'n',
      payload: statusPayload('cam-nest-bad'),
    });
    await publisher.publish(TOPIC, {
      enterpriseId: 'ent-1',
      key: 'n',
      payload: statusPayload('cam-nest-ok'),
    });
    await expectEventually(() => expect(seen).toContain('cam-nest-ok@1'));
    const records = await readDeadLetters(consumer!.deadLetterTopic(), 1);
    expect(records.map((r) => r.cause.code)).toContain('camera-retired');
  });
});
