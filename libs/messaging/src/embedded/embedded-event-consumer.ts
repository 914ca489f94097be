import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  EnvelopeError,
  type EventEnvelope,
  isTopicName,
  parseEnvelope,
  type TopicName,
} from '@ecogate/contracts';
import { type Logger, withCorrelationId } from '@ecogate/telemetry';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type DeadLetterRecord, deadLetterTopic, REPLAY_HEADERS, replayTopic } from '../dead-letter';
import { describeFailure, type FailureCause } from '../errors';
import { type ConsumerHealth, type KafkaEventConsumerOptions } from '../kafka/kafka-event-consumer';
import { consumedCounter, deliver, type Outcome, type StalledPartition } from '../delivery';
import {
  backoffDelay,
  defaultOutageBackoff,
  defaultRetryPolicy,
  type OutageBackoff,
  type RetryPolicy,
} from '../retry-policy';
import { type EmbeddedBus } from './embedded-bus';
import { type GroupLease, type LogRecord } from './event-log';

/** The same options as the Kafka consumer: a start function passes one object to either. */
export type EmbeddedEventConsumerOptions = KafkaEventConsumerOptions;

/** Thrown out of a wait when the consumer stops: the offset stays uncommitted. */
class ConsumerStopping extends Error {
  constructor() {
    super('consumer stopping');
    this.name = 'ConsumerStopping';
  }
}

const BATCH = 100;
const tracer = trace.getTracer('ecogate.messaging');

/**
 * The embedded bus's consumer, with the Kafka consumer's guarantees (ADR 0005, 0008): one loop per
 * partition handles its records in offset order (so per key), each with retries and back-off, waits
 * without limit while a dependency is unavailable, dead-letters bad input with its cause to
 * `<group>.dead-letter.v1`, and commits the group's offset only after one of those outcomes: a crash
 * before the commit redelivers the record (at-least-once). It also consumes `<group>.replay.v1`.
 *
 * One instance per group at a time: the embedded profile runs each service once (ADR 0008).
 */
export class EmbeddedEventConsumer {
  private readonly retry: RetryPolicy;
  private readonly outage: OutageBackoff;
  private readonly log: Logger;
  private readonly stalled = new Map<string, StalledPartition>();
  private readonly groupId: string;
  /** Until `stop`: the consumer's life, across lease losses. */
  private lifecycle = new AbortController();
  /** The partition loops of the current lease: aborted by `stop` or when the lease is lost. */
  private abort = new AbortController();
  private loops: Promise<void>[] = [];
  private positioned: Promise<void> = Promise.resolve();
  private lease: GroupLease | undefined;
  /** Taking the lease again after it was lost (the log's database went away). */
  private regaining: Promise<void> = Promise.resolve();
  private slotsFree: number;
  private readonly slotWaiters: (() => void)[] = [];

  constructor(
    private readonly bus: EmbeddedBus,
    private readonly options: EmbeddedEventConsumerOptions,
  ) {
    this.retry = options.retry ?? defaultRetryPolicy;
    this.outage = options.outageBackoff ?? defaultOutageBackoff;
    this.log = bus.logger.child({ component: 'consumer', groupId: options.groupId });
    this.groupId = bus.physicalTopic(options.groupId);
    this.slotsFree = Math.max(1, options.partitionsConsumedConcurrently ?? 1);
  }

  /** Physical topics this consumer reads and writes; create them with `ensureTopics` before `start`. */
  topics(): string[] {
    if (this.options.ephemeral) return this.subscribedTopics();
    return [...this.subscribedTopics(), this.deadLetterTopic(), this.replayTopic()];
  }

  deadLetterTopic(): string {
    return this.bus.physicalTopic(deadLetterTopic(this.options.groupId));
  }

  replayTopic(): string {
    return this.bus.physicalTopic(replayTopic(this.options.groupId));
  }

  health(): ConsumerHealth {
    const stalled = [...this.stalled.values()];
    return { groupId: this.options.groupId, status: stalled.length > 0 ? 'degraded' : 'ok', stalled };
  }

  subscribedTopicNames(): string[] {
    return Object.keys(this.options.handlers);
  }

  /** Fixes each partition's start position, then consumes in the background until `stop`. */
  async start(): Promise<void> {
    this.lifecycle = new AbortController();
    await this.takeLease();
    try {
      await this.startLoops();
    } catch (error) {
      await this.dropLease();
      throw error;
    }
  }

  /** Resolves once every partition has its position, i.e. messages published now will be seen. */
  ready(): Promise<void> {
    return this.positioned;
  }

  async stop(): Promise<void> {
    this.lifecycle.abort();
    this.abort.abort();
    await this.regaining;
    // A lease taken again just as `stop` came started loops under a new signal.
    this.abort.abort();
    await Promise.allSettled(this.loops);
    this.loops = [];
    await this.dropLease();
  }

  private async takeLease(): Promise<void> {
    // An ephemeral group is this process's alone, and commits nothing another instance could take over.
    if (!this.bus.log.leaseGroup || this.options.ephemeral) return;
    this.log.info('taking the consumer group lease (waits while another instance of the group runs)');
    const lease = await this.bus.log.leaseGroup(this.groupId, this.lifecycle.signal);
    this.lease = lease;
    void lease.lost?.then((cause) => {
      if (this.lease !== lease || this.lifecycle.signal.aborted) return;
      this.regaining = this.regainLease(cause);
    });
  }

  private async dropLease(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    await lease?.release().catch(() => undefined);
  }

  /**
   * The lease ended (its connection to the log dropped), so Postgres let go of the group: stop
   * reading, take the lease again (waiting while the log is away, or while another instance took the
   * group meanwhile), then go on from the committed offsets. Records handled but not yet committed
   * are delivered again (at-least-once).
   */
  private async regainLease(cause: Error): Promise<void> {
    this.log.warn(
      { cause: describeFailure(cause) },
      'consumer group lease lost (its connection to the event log dropped); the group waits to take it again',
    );
    this.abort.abort();
    await Promise.allSettled(this.loops);
    this.loops = [];
    await this.dropLease();
    for (let failures = 1; !this.lifecycle.signal.aborted; failures++) {
      try {
        await this.takeLease();
        await this.startLoops();
        this.log.info('consumer group lease taken again; consuming from the committed offsets');
        return;
      } catch (error) {
        await this.dropLease();
        if (this.lifecycle.signal.aborted) return;
        this.log[failures === 1 ? 'warn' : 'debug'](
          { cause: describeFailure(error) },
          'event log unavailable, the consumer group lease waits',
        );
        await sleep(backoffDelay(this.outage, failures), undefined, { signal: this.lifecycle.signal }).catch(
          () => undefined,
        );
      }
    }
  }

  /** Positions every partition at the group's committed offset and starts their loops. */
  private async startLoops(): Promise<void> {
    this.abort = new AbortController();
    // Every partition loop waits on this signal: one listener per partition, not a leak.
    setMaxListeners(0, this.abort.signal);
    if (this.lifecycle.signal.aborted) this.abort.abort();
    const ephemeral = this.options.ephemeral === true;
    const fromBeginning = !ephemeral && (this.options.fromBeginning ?? true);
    const partitions: { topic: string; partition: number; fromBeginning: boolean }[] = [];
    for (const topic of this.subscribedTopics())
      for (let p = 0; p < (await this.bus.partitionCount(topic)); p++)
        partitions.push({ topic, partition: p, fromBeginning });
    // Replays are read from the beginning whatever `fromBeginning` says (as on Kafka).
    if (!ephemeral)
      for (let p = 0; p < (await this.bus.partitionCount(this.replayTopic())); p++)
        partitions.push({ topic: this.replayTopic(), partition: p, fromBeginning: true });
    const starts = await Promise.all(
      partitions.map(async ({ topic, partition, fromBeginning: early }) => {
        // Ephemeral: from the end, wherever it was; the position lives in this process only.
        if (ephemeral) return this.bus.log.endOffset(topic, partition);
        const committed = await this.bus.log.committedOffset(this.groupId, topic, partition);
        if (committed !== null) return committed;
        // A new group that skips history remembers where it joined, as Kafka's `latest` would after a commit.
        const start = early ? 0 : await this.bus.log.endOffset(topic, partition);
        await this.bus.log.commit(this.groupId, topic, partition, start);
        return start;
      }),
    );
    this.loops = partitions.map(({ topic, partition }, i) => this.consume(topic, partition, starts[i] ?? 0));
    this.positioned = Promise.resolve();
  }

  private subscribedTopics(): string[] {
    return Object.keys(this.options.handlers).map((topic) => this.bus.physicalTopic(topic));
  }

  private async consume(topic: string, partition: number, start: number): Promise<void> {
    let next = start;
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        const records = await this.bus.log.read(topic, partition, next, BATCH);
        if (failures > 0) this.stalled.delete(`log:${topic}:${partition}`);
        failures = 0;
        if (records.length === 0) {
          await this.bus.waitForAppend(topic, this.bus.pollIntervalMs, this.abort.signal);
          continue;
        }
        for (const record of records) {
          await this.withSlot(() => this.onRecord(record));
          next = record.offset + 1;
          if (!this.options.ephemeral) await this.bus.log.commit(this.groupId, topic, partition, next);
        }
      } catch (error) {
        if (error instanceof ConsumerStopping || this.abort.signal.aborted) return;
        // The log itself (or a dead-letter append) failed: nothing was committed, so the record is read again.
        failures += 1;
        // The log's database is a dependency like any other: the consumer is degraded while it is away.
        const cause = describeFailure(error);
        const since = this.stalled.get(`log:${topic}:${partition}`)?.since ?? new Date().toISOString();
        this.stalled.set(`log:${topic}:${partition}`, { topic, partition, since, waits: failures, cause });
        this.log[failures === 1 ? 'warn' : 'debug'](
          { topic, partition, cause },
          'event log unavailable, partition waits',
        );
        await this.bus.waitForAppend(topic, backoffDelay(this.outage, failures), this.abort.signal);
      }
    }
  }

  /** Bounds the records handled at once to `partitionsConsumedConcurrently`. */
  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    while (this.slotsFree === 0) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.slotsFree -= 1;
    try {
      return await work();
    } finally {
      this.slotsFree += 1;
      this.slotWaiters.shift()?.();
    }
  }

  private logicalTopic(physical: string): TopicName | undefined {
    const name = physical.slice(this.bus.topicPrefix.length);
    return isTopicName(name) ? name : undefined;
  }

  /** The handled topic a replayed record belongs to (its replay header, else its envelope type). */
  private replayedTopic(record: LogRecord, value: unknown): TopicName {
    const named = record.headers[REPLAY_HEADERS.originalTopic];
    const prefix = this.bus.topicPrefix;
    let candidate: string | undefined;
    if (named !== undefined) candidate = named.startsWith(prefix) ? named.slice(prefix.length) : undefined;
    else {
      const type = (value as { type?: unknown } | null)?.type;
      candidate = typeof type === 'string' ? type : undefined;
    }
    if (candidate !== undefined && isTopicName(candidate) && this.options.handlers[candidate] !== undefined)
      return candidate;
    throw new EnvelopeError(
      'wrong-topic',
      `replayed message (dead letter ${record.headers[REPLAY_HEADERS.from] ?? 'unknown'}) names ` +
        `${named ?? candidate ?? 'no topic'}, which consumer group ${this.options.groupId} does not handle`,
    );
  }

  private async onRecord(record: LogRecord): Promise<void> {
    let envelope: EventEnvelope;
    try {
      const value = parseJson(record.value);
      const logical =
        record.topic === this.replayTopic()
          ? this.replayedTopic(record, value)
          : this.logicalTopic(record.topic);
      if (!logical) throw new EnvelopeError('wrong-topic', `no handler for topic ${record.topic}`);
      envelope = parseEnvelope(logical, value);
    } catch (error) {
      // A record that does not decode never will: dead-letter it at once.
      const outcome = await this.deadLetter(record, { ...describeFailure(error), retriable: false }, 1);
      consumedCounter.add(1, { topic: record.topic, outcome });
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
            return await this.handle(envelope, record);
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

  private async handle(envelope: EventEnvelope, record: LogRecord): Promise<Outcome> {
    const delivery = await deliver(
      {
        ...this.options,
        retry: this.retry,
        outage: this.outage,
        stalled: this.stalled,
        log: this.log,
        pause: (ms) => this.pause(ms),
      },
      envelope,
      { topic: record.topic, partition: record.partition, offset: String(record.offset), key: record.key },
    );
    if (delivery.outcome !== 'failed') return delivery.outcome;
    return this.deadLetter(record, delivery.cause, delivery.attempts);
  }

  private async pause(ms: number): Promise<void> {
    if (this.abort.signal.aborted) throw new ConsumerStopping();
    try {
      await sleep(ms, undefined, { signal: this.abort.signal });
    } catch {
      throw new ConsumerStopping();
    }
  }

  private async deadLetter(record: LogRecord, cause: FailureCause, attempts: number): Promise<Outcome> {
    if (this.options.ephemeral) {
      const source = { topic: record.topic, partition: record.partition, offset: record.offset };
      this.log.warn({ source, cause }, 'event skipped');
      return 'skipped';
    }
    const letter: DeadLetterRecord = {
      consumerGroup: this.options.groupId,
      source: {
        topic: record.topic,
        partition: record.partition,
        offset: String(record.offset),
        key: record.key,
      },
      headers: { ...record.headers },
      value: record.value,
      valueEncoding: 'utf8',
      cause,
      attempts,
      failedAt: new Date().toISOString(),
    };
    // If this append fails the error propagates, nothing is committed and the record comes back.
    await this.bus.append(this.deadLetterTopic(), record.key, JSON.stringify(letter), record.headers);
    this.log.error({ source: letter.source, cause }, 'event dead-lettered');
    return 'dead-lettered';
  }
}

function parseJson(value: string): unknown {
  if (value.length === 0) throw new EnvelopeError('not-json', 'empty message');
  try {
    return JSON.parse(value);
  } catch {
    throw new EnvelopeError('not-json', 'message value is not JSON');
  }
}
