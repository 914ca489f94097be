/**
 * Remembers which events a consumer group has already handled, so a redelivered event
 * (Kafka is at-least-once) is processed once. Implementations must make `claim` atomic.
 */
export interface ProcessedEventStore {
  /**
   * Records that `consumerGroup` handled `eventId`. Resolves `true` the first time and `false`
   * when the pair was already recorded. `tx` lets a database-backed store join the caller's
   * transaction so the claim and the handler's writes commit or roll back together.
   */
  claim(consumerGroup: string, eventId: string, tx?: unknown): Promise<boolean>;
  /** Forgets a claim whose handling failed outside any transaction, so a replay is handled again. */
  release(consumerGroup: string, eventId: string): Promise<void>;
}

/** For tests and the embedded single-process mode; forgets everything on restart. */
export class InMemoryProcessedEventStore implements ProcessedEventStore {
  private readonly seen = new Set<string>();

  async claim(consumerGroup: string, eventId: string): Promise<boolean> {
    const key = `${consumerGroup}\u0000${eventId}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  async release(consumerGroup: string, eventId: string): Promise<void> {
    this.seen.delete(`${consumerGroup}\u0000${eventId}`);
  }
}
