import { type TopicSpec } from '../kafka/topic-admin';

/** One message as the log stores it: Kafka's record without the broker. */
export interface LogRecord {
  readonly topic: string;
  readonly partition: number;
  /** Dense per partition, from 0: the n-th message appended to that partition. */
  readonly offset: number;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly appendedAt: Date;
}

export interface AppendRequest {
  readonly key: string | null;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The durable store under the embedded event bus (ADR 0008): topics split into partitions, each an
 * append-only sequence, and per consumer group the next offset to read. The bus (this lib) owns the
 * semantics (partitioning, retries, dead letters); a store only has to keep these promises:
 *
 * - `append` resolves only once the record is durable (committed and flushed): nothing acknowledged
 *   is lost by a crash.
 * - Offsets of a partition are dense and become visible in order: a reader that has seen offset n
 *   never later finds a record at an offset below n that it did not see.
 * - `commit` is durable when it resolves.
 */
export interface EventLog {
  /** Creates the topics that are missing (with `partitions ?? 3`); existing ones stay as they are. */
  ensureTopics(specs: readonly TopicSpec[]): Promise<void>;
  /** The partition count of a topic; throws `UnknownTopicError` for a topic never ensured. */
  partitionCount(topic: string): Promise<number>;
  append(topic: string, partition: number, record: AppendRequest): Promise<{ offset: number }>;
  /** Records of the partition from `fromOffset` on (the first retained one if it was deleted), in order. */
  read(topic: string, partition: number, fromOffset: number, limit: number): Promise<LogRecord[]>;
  /** The offset the next append to the partition will get. */
  endOffset(topic: string, partition: number): Promise<number>;
  /** The next offset the group reads from the partition; `null` before its first commit. */
  committedOffset(group: string, topic: string, partition: number): Promise<number | null>;
  commit(group: string, topic: string, partition: number, nextOffset: number): Promise<void>;
  /** Retention: deletes records appended before `cutoff`; resolves the number deleted. */
  deleteAppendedBefore(cutoff: Date): Promise<number>;
  /** Retention by size: keeps at most `maxRecords` newest records per partition. */
  trimPartitions(maxRecords: number): Promise<number>;
  /**
   * Makes this process the group's only consumer (Kafka's partition assignment, simplified): resolves
   * once no other live process holds the group, and holds it until `release` or this process dies.
   * Optional: a log only one process can reach needs none.
   */
  leaseGroup?(group: string, signal: AbortSignal): Promise<GroupLease>;
}

export interface GroupLease {
  release(): Promise<void>;
  /**
   * Settles (with the cause) when the lease ends without `release`, e.g. its database connection
   * dropped: the group is no longer held, so another instance may take it. The consumer stops
   * reading and takes the lease again. Absent: the lease cannot be lost while the process lives.
   */
  readonly lost?: Promise<Error>;
}

/** Publishing to (or consuming) a topic nobody created: the same mistake Kafka refuses at boot. */
export class UnknownTopicError extends Error {
  readonly code = 'unknown-topic';

  constructor(readonly topic: string) {
    super(`topic ${topic} does not exist; create it with ensureTopics first`);
    this.name = 'UnknownTopicError';
  }
}
