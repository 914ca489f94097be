import { type EventEnvelope, type PayloadOf, type TopicName } from '@ecogate/contracts';

export interface PublishRequest<T extends TopicName> {
  readonly enterpriseId: string;
  /** Messages with one key stay in order: use the lane for gate events, the enterprise for ledger events. */
  readonly key: string;
  readonly payload: PayloadOf<T>;
  readonly occurredAt?: Date;
  /** Defaults to the current correlation id, or a new one. */
  readonly correlationId?: string;
  /** Set it when the event id must be stable across retries (e.g. derived from a vendor's idempotency key). */
  readonly eventId?: string;
}

/** Publishes typed events; implemented over Kafka, and later by the in-process transport. */
export interface EventPublisher {
  publish<T extends TopicName>(topic: T, request: PublishRequest<T>): Promise<EventEnvelope<T>>;
  /** Sends an envelope built earlier (by the transactional outbox) exactly as it is. */
  publishEnvelope(envelope: EventEnvelope, key: string): Promise<void>;
}
