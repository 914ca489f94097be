import { type FailureCause } from './errors';

/** Each consumer group has its own dead-letter topic, so one group's poison never blocks another. */
export const deadLetterTopic = (consumerGroup: string): string => `${consumerGroup}.dead-letter.v1`;

/**
 * Where a group's dead letters are replayed to (ADR 0005/0006): a topic the group owns (the
 * services' prefixed ACL `<group>.` covers it), so a replay needs no WRITE on the original topic,
 * which may belong to another service (the ledger's letters come from barrier-control's decisions).
 * The group's consumer subscribes to it and hands each message to the handler of its original topic.
 */
export const replayTopic = (consumerGroup: string): string => `${consumerGroup}.replay.v1`;

/**
 * The logical topics a consumer group owns besides those it handles: its dead letters and its
 * replays. Create them with `ensureTopics` before the group's consumer starts (it subscribes to
 * the replay topic).
 */
export const consumerGroupTopics = (consumerGroup: string): string[] => [
  deadLetterTopic(consumerGroup),
  replayTopic(consumerGroup),
];

/** Headers a replayed message carries besides its original ones. */
export const REPLAY_HEADERS = {
  /** The dead letter it came from, `<partition>:<offset>` on the group's dead-letter topic. */
  from: 'ecogate-replayed-from',
  /** The audit record's id on `<group>.dead-letter-replays.v1`. */
  id: 'ecogate-replay-id',
  by: 'ecogate-replayed-by',
  reason: 'ecogate-replay-reason',
  /** The (physical) topic, partition and offset the message was first consumed from. */
  originalTopic: 'ecogate-replay-original-topic',
  originalPartition: 'ecogate-replay-original-partition',
  originalOffset: 'ecogate-replay-original-offset',
} as const;

/** What lands on a dead-letter topic: the original message, untouched, and why it failed. */
export interface DeadLetterRecord {
  readonly consumerGroup: string;
  readonly source: { topic: string; partition: number; offset: string; key: string | null };
  readonly headers: Record<string, string>;
  /** The original value as UTF-8 text (or base64 when it was not valid UTF-8). */
  readonly value: string;
  readonly valueEncoding: 'utf8' | 'base64';
  readonly cause: FailureCause;
  readonly attempts: number;
  readonly failedAt: string;
}
