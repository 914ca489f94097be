import { type FailureCause } from './errors';

/** Each consumer group has its own dead-letter topic, so one group's poison never blocks another. */
export const deadLetterTopic = (consumerGroup: string): string => `${consumerGroup}.dead-letter.v1`;

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
