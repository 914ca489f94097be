import { type TopicSpec } from '../kafka/topic-admin';
import { type AppendRequest, type EventLog, type LogRecord, UnknownTopicError } from './event-log';

/**
 * `EventLog` in memory: the bus's semantics without durability, for unit tests. The embedded
 * profile uses the Postgres log of `@ecogate/persistence`.
 */
export class InMemoryEventLog implements EventLog {
  private readonly topics = new Map<string, { base: number; records: LogRecord[] }[]>();
  private readonly offsets = new Map<string, number>();

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    for (const spec of specs)
      if (!this.topics.has(spec.name))
        this.topics.set(
          spec.name,
          Array.from({ length: spec.partitions ?? 3 }, () => ({ base: 0, records: [] })),
        );
  }

  async partitionCount(topic: string): Promise<number> {
    return this.partitionsOf(topic).length;
  }

  async append(topic: string, partition: number, record: AppendRequest): Promise<{ offset: number }> {
    const log = this.partition(topic, partition);
    const offset = log.base + log.records.length;
    log.records.push({
      topic,
      partition,
      offset,
      ...record,
      headers: { ...record.headers },
      appendedAt: new Date(),
    });
    return { offset };
  }

  async read(topic: string, partition: number, fromOffset: number, limit: number): Promise<LogRecord[]> {
    const log = this.partition(topic, partition);
    const start = Math.max(0, fromOffset - log.base);
    return log.records.slice(start, start + limit);
  }

  async endOffset(topic: string, partition: number): Promise<number> {
    const log = this.partition(topic, partition);
    return log.base + log.records.length;
  }

  async committedOffset(group: string, topic: string, partition: number): Promise<number | null> {
    return this.offsets.get(`${group}\u0000${topic}\u0000${partition}`) ?? null;
  }

  async commit(group: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    this.offsets.set(`${group}\u0000${topic}\u0000${partition}`, nextOffset);
  }

  async deleteAppendedBefore(cutoff: Date): Promise<number> {
    return this.dropWhere((records) => records.findIndex((r) => r.appendedAt >= cutoff));
  }

  async trimPartitions(maxRecords: number): Promise<number> {
    return this.dropWhere((records) => Math.max(0, records.length - maxRecords));
  }

  private dropWhere(firstKept: (records: LogRecord[]) => number): number {
    let deleted = 0;
    for (const partitions of this.topics.values())
      for (const log of partitions) {
        const found = firstKept(log.records);
        const drop = found === -1 ? log.records.length : found;
        log.records.splice(0, drop);
        log.base += drop;
        deleted += drop;
      }
    return deleted;
  }

  private partitionsOf(topic: string): { base: number; records: LogRecord[] }[] {
    const partitions = this.topics.get(topic);
    if (!partitions) throw new UnknownTopicError(topic);
    return partitions;
  }

  private partition(topic: string, partition: number): { base: number; records: LogRecord[] } {
    const log = this.partitionsOf(topic)[partition];
    if (!log) throw new RangeError(`topic ${topic} has no partition ${partition}`);
    return log;
  }
}
