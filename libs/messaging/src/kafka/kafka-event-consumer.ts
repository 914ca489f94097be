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
import { type DeadLetterRecord, deadLetterTopic, REPLAY_HEADERS, replayTopic } from '../dead-letter';
import { consumedCounter, deliver, type Outcome, type StalledPartition } from '../delivery';
import { describeFailure, type FailureCause } from '../errors';
import { type EventHandlers } from '../event-handler';
import { type ProcessedEventStore } from '../idempotency/processed-event-store';
import {
  defaultOutageBackoff,
  defaultRetryPolicy,
  type OutageBackoff,
  type RetryPolicy,
} from '../retry-policy';
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
  /** Waits while a dependency is unavailable: retried without limit, never dead-lettered. */
  readonly outageBackoff?: OutageBackoff;
  /**
   * A throw-away reader of what happens from now on (a process's live view, a group of its own per
   * process): it starts at the end of every partition (`fromBeginning` is ignored), owns no
   * dead-letter or replay topic (an event it cannot decode or handle is logged and skipped) and, on
   * the embedded log, takes no group lease and commits nothing, so it leaves nothing behind. On
   * Kafka its group needs only a `readerGroups` ACL (`deploy/local/kafka-acls.json`).
   */
  readonly ephemeral?: boolean;
}

/** A partition waiting for a dependency; the consumer is `degraded` while any is. */

export interface ConsumerHealth {
  readonly groupId: string;
  readonly status: 'ok' | 'degraded';
  readonly stalled: readonly StalledPartition[];
}

/** Thrown out of a dependency wait when the consumer stops: the offset stays uncommitted. */
class ConsumerStopping extends Error {
  constructor() {
    super('consumer stopping while waiting for a dependency');
    this.name = 'ConsumerStopping';
  }
}

const stalledGauge = meter('messaging').createObservableGauge('messaging_consumer_stalled', {
  description: '1 while a partition of the group waits for an unavailable dependency',
});
const liveConsumers = new Set<KafkaEventConsumer>();
stalledGauge.addCallback((result) => {
  for (const consumer of liveConsumers) {
    const { groupId, stalled } = consumer.health();
    const topics = new Set(stalled.map((s) => s.topic));
    for (const topic of consumer.subscribedTopicNames())
      result.observe(topics.has(topic) ? 1 : 0, { group: groupId, topic });
  }
});

// Heartbeat at least this often while waiting, so the group keeps this member and its partitions.
const HEARTBEAT_SLICE_MS = 1_000;

const tracer = trace.getTracer('ecogate.messaging');

/**
 * Consumes typed events with at-least-once delivery: each message is validated, handled with
 * retries and back-off (the partition waits, which keeps per-key order), and dead-lettered with
 * its cause when it cannot be handled. The offset is committed only after one of those outcomes.
 * It also consumes the group's replay topic `<group>.replay.v1` (dead letters an operator
 * replayed, `DeadLetters`) and hands each message to the handler of its original topic.
 */
export class KafkaEventConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: Producer;
  private readonly retry: RetryPolicy;
  private readonly log: Logger;
  private readonly joined: Promise<void>;
  private readonly outage: OutageBackoff;
  private readonly stalled = new Map<string, StalledPartition>();
  private stopping = false;

  constructor(
    kafka: Kafka,
    private readonly messaging: Pick<KafkaMessagingOptions, 'topicPrefix' | 'logger'>,
    private readonly options: KafkaEventConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: physicalTopic(messaging, options.groupId),
      allowAutoTopicCreation: false,
      // kafkajs restarts a crashed consumer after a delay, and schedules that restart even when
      // `disconnect` ran while it handled the crash: a consumer stopped during a broker outage came
      // back and crash-looped for ever (a test run that never exited). Never restart once stopping.
      retry: { retries: 5, restartOnFailure: () => Promise.resolve(!this.stopping) },
    });
    // The restart timer is set right after this event; `stop` clears it.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (payload.restart && this.stopping) setImmediate(() => void this.consumer.stop());
    });
    this.deadLetters = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    this.retry = options.retry ?? defaultRetryPolicy;
    this.outage = options.outageBackoff ?? defaultOutageBackoff;
    this.log = messaging.logger.child({ component: 'consumer', groupId: options.groupId });
    this.joined = new Promise((resolve) =>
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve()),
    );
  }

  /** Physical topics this consumer reads and writes; create them with `ensureTopics` before `start`. */
  topics(): string[] {
    if (this.options.ephemeral) return this.subscribedTopics();
    return [...this.subscribedTopics(), this.deadLetterTopic(), this.replayTopic()];
  }

  deadLetterTopic(): string {
    return physicalTopic(this.messaging, deadLetterTopic(this.options.groupId));
  }

  /** The group's replay topic: replayed dead letters, handled by their original topic's handler. */
  replayTopic(): string {
    return physicalTopic(this.messaging, replayTopic(this.options.groupId));
  }

  /** `degraded` while a partition waits for a dependency; services show it on their health page. */
  health(): ConsumerHealth {
    const stalled = [...this.stalled.values()];
    return { groupId: this.options.groupId, status: stalled.length > 0 ? 'degraded' : 'ok', stalled };
  }

  /** @internal the logical topics, for the stall gauge. */
  subscribedTopicNames(): string[] {
    return Object.keys(this.options.handlers);
  }

  async start(): Promise<void> {
    this.stopping = false;
    liveConsumers.add(this);
    const ephemeral = this.options.ephemeral === true;
    if (!ephemeral) await this.deadLetters.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: this.subscribedTopics(),
      fromBeginning: !ephemeral && (this.options.fromBeginning ?? true),
    });
    // From the beginning whatever `fromBeginning` says: a replay made before the group's first
    // start must not be skipped (it exists only because an operator asked for it).
    if (!ephemeral) await this.consumer.subscribe({ topics: [this.replayTopic()], fromBeginning: true });
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
    this.stopping = true;
    liveConsumers.delete(this);
    await this.consumer.disconnect();
    if (!this.options.ephemeral) await this.deadLetters.disconnect();
  }

  private subscribedTopics(): string[] {
    return Object.keys(this.options.handlers).map((topic) => physicalTopic(this.messaging, topic));
  }

  private logicalTopic(physical: string): TopicName | undefined {
    const name = physical.slice((this.messaging.topicPrefix ?? '').length);
    return isTopicName(name) ? name : undefined;
  }

  /**
   * The handled topic a message on the replay topic belongs to: the original topic its replay
   * header names (else its envelope type). Anything else is not this group's to handle.
   */
  private replayedTopic(message: KafkaMessage, value: unknown): TopicName {
    const headers = headersToStrings(message.headers);
    const named = headers[REPLAY_HEADERS.originalTopic];
    const prefix = this.messaging.topicPrefix ?? '';
    let candidate: string | undefined;
    if (named !== undefined) candidate = named.startsWith(prefix) ? named.slice(prefix.length) : undefined;
    else {
      const type = (value as { type?: unknown } | null)?.type;
      candidate = typeof type === 'string' ? type : undefined;
    }
    if (candidate !== undefined && isTopicName(candidate) && this.options.handlers[candidate] !== undefined)
      return candidate;
    const what =
      named !== undefined
        ? `original topic ${named} (header ${REPLAY_HEADERS.originalTopic})`
        : `event type ${JSON.stringify(candidate ?? null)} (no ${REPLAY_HEADERS.originalTopic} header)`;
    throw new EnvelopeError(
      'wrong-topic',
      `replayed message (dead letter ${headers[REPLAY_HEADERS.from] ?? 'unknown'}) names ${what}, ` +
        `which consumer group ${this.options.groupId} does not handle; it handles ${
          Object.keys(this.options.handlers)
            .map((t) => physicalTopic(this.messaging, t))
            .join(', ') || 'no topic'
        }`,
    );
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    let envelope: EventEnvelope;
    try {
      const value = parseJson(message.value);
      const logical =
        topic === this.replayTopic() ? this.replayedTopic(message, value) : this.logicalTopic(topic);
      if (!logical) throw new EnvelopeError('wrong-topic', `no handler for topic ${topic}`);
      envelope = parseEnvelope(logical, value);
    } catch (error) {
      // A message that does not decode will never decode: dead-letter it at once.
      const outcome = await this.deadLetter(
        topic,
        partition,
        message,
        { ...describeFailure(error), retriable: false },
        1,
      );
      consumedCounter.add(1, { topic, outcome });
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
    consumedCounter.add(1, { topic: envelope.type, outcome });
  }

  private async handle(
    envelope: EventEnvelope,
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    const delivery = await deliver(
      {
        ...this.options,
        retry: this.retry,
        outage: this.outage,
        stalled: this.stalled,
        log: this.log,
        pause: (ms) => this.pause(ms, heartbeat),
      },
      envelope,
      { topic, partition, offset: message.offset, key: message.key?.toString() ?? null },
    );
    if (delivery.outcome !== 'failed') return delivery.outcome;
    return this.deadLetter(topic, partition, message, delivery.cause, delivery.attempts);
  }

  /** Sleeps in slices, heartbeating, so a long wait neither loses the partition nor blocks `stop`. */
  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      if (this.stopping) throw new ConsumerStopping();
      const left = until - Date.now();
      if (left <= 0) return;
      await sleep(Math.min(left, HEARTBEAT_SLICE_MS));
      await heartbeat();
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    cause: FailureCause,
    attempts: number,
  ): Promise<Outcome> {
    if (this.options.ephemeral) {
      this.log.warn({ source: { topic, partition, offset: message.offset }, cause }, 'event skipped');
      return 'skipped';
    }
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
    return 'dead-lettered';
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
