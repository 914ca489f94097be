import { setTimeout as sleep } from 'node:timers/promises';
import {
  EnvelopeError,
  type EventEnvelope,
  isTopicName,
  parseEnvelope,
  type TopicName,
} from '@ecogate/contracts';
import { type Logger, meter, withCorrelationId } from '@ecogate/telemetry';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  type Consumer,
  type EachMessagePayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import { type DeadLetterRecord, deadLetterTopic } from '../dead-letter';
import { describeFailure, type FailureCause } from '../errors';
import { type EventContext, type EventHandlers } from '../event-handler';
import { type ProcessedEventStore } from '../idempotency/processed-event-store';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from '../retry-policy';
import { type KafkaMessagingOptions, physicalTopic } from './kafka-client';
import { headersToStrings } from './message-codec';

export interface KafkaEventConsumerOptions {
  readonly groupId: string;
  readonly handlers: EventHandlers;
  readonly retry?: RetryPolicy;
  readonly processedEvents?: ProcessedEventStore;
  /**
   * Claim each event before its handler runs and release the claim if handling fails. For
   * handlers whose effects are not in the claim's database; transactional handlers call
   * `context.claim(tx)` themselves instead.
   */
  readonly claimBeforeHandling?: boolean;
  /** Start from the earliest offset when the group has none yet (default true: nothing is skipped). */
  readonly fromBeginning?: boolean;
  /**
   * Partitions handled at the same time by this instance (default 1). Order still holds per
   * partition, so per key; raise it where handlers are safe to run side by side (their own
   * transactions and locks) and the database, not Kafka, is the wait.
   */
  readonly partitionsConsumedConcurrently?: number;
}

type Outcome = 'handled' | 'duplicate' | 'dead-lettered';

const consumed = meter('messaging').createCounter('messaging_consumed_total', {
  description: 'Events taken from Kafka, by outcome',
});
const retried = meter('messaging').createCounter('messaging_retries_total', {
  description: 'Handler attempts that failed and were retried',
});

const tracer = trace.getTracer('ecogate.messaging');

/**
 * Consumes typed events with at-least-once delivery: each message is validated, handled with
 * retries and back-off (the partition waits, which keeps per-key order), and dead-lettered with
 * its cause when it cannot be handled. The offset is committed only after one of those outcomes.
 */
export class KafkaEventConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly retry: RetryPolicy;
  private readonly log: Logger;
  private readonly joined: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly messaging: Pick<KafkaMessagingOptions, 'topicPrefix' | 'logger'>,
    private readonly options: KafkaEventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: physicalTopic(messaging, options.groupId),
      allowAutoTopicCreation: false,
    });
    this.deadLetters = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    this.retry = options.retry ?? defaultRetryPolicy;
    this.log = messaging.logger.child({ component: 'consumer', groupId: options.groupId });
    this.joined = new Promise((resolve) =>
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()),
    );
  }

  /** Physical topics this consumer reads and writes; create them with `ensureTopics` before `start`. */
  topics(): string[] {
    return [...this.subscribedTopics(), this.deadLetterTopic()];
  }

  deadLetterTopic(): string {
    return physicalTopic(this.messaging, deadLetterTopic(this.options.groupId));
  }

  async start(): Promise<void> {
    await this.deadLetters.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.subscribedTopics(),
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: (payload) => this.onMessage(payload),
    });
  }

  /** Resolves once the group has assigned partitions, i.e. messages published now will be seen. */
  ready(): Promise<void> {
    return this.joined;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.deadLetters.disconnect();
  }

  private subscribedTopics(): string[] {
    return Object.keys(this.options.handlers).map((topic) => physicalTopic(this.messaging, topic));
  }

  private logicalTopic(physical: string): TopicName | undefined {
    const name = physical.slice((this.messaging.topicPrefix ?? '').length);
    return isTopicName(name) ? name : undefined;
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const logical = this.logicalTopic(topic);
    let envelope: EventEnvelope;
    try {
      if (!logical) throw new EnvelopeError('wrong-topic', `no handler for topic ${topic}`);
      envelope = parseEnvelope(logical, parseJson(message.value));
    } catch (error) {
      // A message that does not decode will never decode: dead-letter it at once.
      await this.deadLetter(topic, partition, message, { ...describeFailure(error), retriable: false }, 1);
      consumed.add(1, { topic, outcome: 'dead-lettered' satisfies Outcome });
      return;
    }
    const parent = propagation.extract(context.active(), {
      traceparent: envelope.traceparent,
      tracestate: envelope.tracestate,
    });
    const outcome = await context.with(parent, () =>
      tracer.startActiveSpan(`consume ${envelope.type}`, { kind: SpanKind.CONSUMER }, (span) =>
        withCorrelationId(envelope.correlationId, async () => {
          try {
            return await this.handle(envelope, topic, partition, message, heartbeat);
          } catch (error) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
            throw error;
          } finally {
            span.end();
          }
        }),
      ),
    );
    consumed.add(1, { topic: envelope.type, outcome });
  }

  private async handle(
    envelope: EventEnvelope,
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    const { processedEvents, claimBeforeHandling, groupId } = this.options;
    const handler = this.options.handlers[envelope.type] as
      ((event: EventEnvelope, ctx: EventContext) => Promise<void>) | undefined;
    if (!handler) throw new Error(`no handler for ${envelope.type}`);

    if (claimBeforeHandling && processedEvents && !(await processedEvents.claim(groupId, envelope.eventId))) {
      this.log.info({ eventId: envelope.eventId, type: envelope.type }, 'duplicate event skipped');
      return 'duplicate';
    }
    let lastFailure: FailureCause = {
      code: 'no-attempt',
      message: 'retry policy allows no attempt',
      retriable: false,
    };
    let attempts = 0;
    for (let attempt = 1; attempt <= this.retry.maxAttempts; attempt++) {
      attempts = attempt;
      const ctx: EventContext = {
        topic: envelope.type,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        attempt,
        claim: (tx) => {
          if (!processedEvents) throw new Error(`consumer ${groupId} has no processed-event store`);
          return processedEvents.claim(groupId, envelope.eventId, tx);
        },
      };
      try {
        await handler(envelope, ctx);
        return 'handled';
      } catch (error) {
        lastFailure = describeFailure(error);
        this.log.warn({ eventId: envelope.eventId, attempt, cause: lastFailure }, 'event handler failed');
        if (!lastFailure.retriable) break;
        if (attempt < this.retry.maxAttempts) {
          retried.add(1, { topic: envelope.type });
          await sleep(backoffDelay(this.retry, attempt));
          await heartbeat();
        }
      }
    }
    if (claimBeforeHandling && processedEvents) await processedEvents.release(groupId, envelope.eventId);
    await this.deadLetter(topic, partition, message, lastFailure, attempts);
    return 'dead-lettered';
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    cause: FailureCause,
    attempts: number,
  ): Promise<void> {
    const value = message.value ?? Buffer.alloc(0);
    const utf8 = value.toString('utf8');
    const isUtf8 = Buffer.from(utf8, 'utf8').equals(value);
    const record: DeadLetterRecord = {
      consumerGroup: this.options.groupId,
      source: { topic, partition, offset: message.offset, key: message.key?.toString() ?? null },
      headers: headersToStrings(message.headers),
      value: isUtf8 ? utf8 : value.toString('base64'),
      valueEncoding: isUtf8 ? 'utf8' : 'base64',
      cause,
      attempts,
      failedAt: new Date().toISOString(),
    };
    // If this send fails the error propagates, the offset is not committed and the message comes back.
    await this.deadLetters.send({
      topic: this.deadLetterTopic(),
      acks: -1,
      messages: [{ key: message.key, value: JSON.stringify(record), headers: message.headers ?? {} }],
    });
    this.log.error({ source: record.source, cause }, 'event dead-lettered');
  }
}

function parseJson(value: Buffer | null): unknown {
  if (!value || value.length === 0) throw new EnvelopeError('not-json', 'empty message');
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    throw new EnvelopeError('not-json', 'message value is not JSON');
  }
}
