import { EventEmitter } from 'node:events';
import { type Logger } from '@ecogate/telemetry';
import { physicalTopic } from '../kafka/kafka-client';
import { type TopicSpec } from '../kafka/topic-admin';
import { type EventLog } from './event-log';
import { partitionForKey } from './partitioner';

export interface EmbeddedBusOptions {
  readonly log: EventLog;
  readonly logger: Logger;
  /** Prepended to every topic and group name, as with Kafka. */
  readonly topicPrefix?: string;
  /**
   * How often an idle consumer looks for records appended by another process (default 100 ms).
   * Appends made in this process wake it at once.
   */
  readonly pollIntervalMs?: number;
}

/**
 * What the embedded publisher, consumer and dead-letter view share: the durable log, the topic
 * prefix, partitioning by key, and an in-process signal that wakes consumers after an append.
 */
export class EmbeddedBus {
  readonly log: EventLog;
  readonly logger: Logger;
  readonly topicPrefix: string;
  readonly pollIntervalMs: number;
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly partitionCounts = new Map<string, number>();
  private nextRoundRobin = 0;

  constructor(options: EmbeddedBusOptions) {
    this.log = options.log;
    this.logger = options.logger;
    this.topicPrefix = options.topicPrefix ?? '';
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  physicalTopic(topic: string): string {
    return physicalTopic({ topicPrefix: this.topicPrefix }, topic);
  }

  ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    return this.log.ensureTopics([...new Map(specs.map((spec) => [spec.name, spec])).values()]);
  }

  /** Appends to the key's partition; resolves once the record is durable. */
  async append(
    topic: string,
    key: string | null,
    value: string,
    headers: Readonly<Record<string, string>>,
  ): Promise<{ partition: number; offset: number }> {
    const partition = partitionForKey(key, await this.partitionCount(topic), () => this.nextRoundRobin++);
    const { offset } = await this.log.append(topic, partition, { key, value, headers });
    this.appended.emit(topic);
    return { partition, offset };
  }

  /** Resolves after `ms`, or earlier when this process appends to `topic` or `signal` aborts. */
  waitForAppend(topic: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.appended.off(topic, done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.appended.on(topic, done);
      signal.addEventListener('abort', done);
    });
  }

  async partitionCount(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const count = await this.log.partitionCount(topic);
    this.partitionCounts.set(topic, count);
    return count;
  }
}
