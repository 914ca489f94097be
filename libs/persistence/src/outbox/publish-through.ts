import { type EventPublisher } from '@ecogate/messaging';
import { type OutboxPublish } from './outbox-relay';

type StoredEnvelope = Parameters<EventPublisher['publishEnvelope']>[0];

/**
 * The relay's publish callback for outboxes that store whole envelopes (`buildEnvelope`, as the
 * publisher would send them): each is sent unchanged under its key, in order.
 */
export function publishEnvelopesThrough(publisher: Pick<EventPublisher, 'publishEnvelope'>): OutboxPublish {
  return async (rows) => {
    for (const row of rows) await publisher.publishEnvelope(row.payload as StoredEnvelope, row.key);
  };
}
