import { type EventEnvelope, type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import { buildEnvelope, type EventPublisher } from '@ecogate/messaging';
import { type EntityManager, type OutboxPublish, OutboxWriter } from '@ecogate/persistence';

export const PASSAGE_TOPIC = 'ledger.passage.recorded.v1';

/** The envelope exactly as the publisher would build it (validated payload, trace context), for the outbox. */
export function passageEnvelope(
  payload: LedgerPassageRecordedV1,
  correlationId?: string,
  now: Date = new Date(),
): EventEnvelope<typeof PASSAGE_TOPIC> {
  return buildEnvelope(PASSAGE_TOPIC, {
    enterpriseId: payload.enterpriseId,
    key: payload.enterpriseId,
    payload,
    occurredAt: now,
    ...(correlationId ? { correlationId } : {}),
  });
}

const writer = new OutboxWriter();

/** Adds the event to the outbox in the caller's transaction; keyed by enterprise (ADR 0005). */
export async function addPassageEvent(
  tx: EntityManager,
  payload: LedgerPassageRecordedV1,
  correlationId?: string,
): Promise<void> {
  const envelope = passageEnvelope(payload, correlationId);
  await writer.add(tx, { topic: PASSAGE_TOPIC, key: payload.enterpriseId, payload: envelope });
}

/** The relay's publish callback: sends each stored envelope unchanged, in order. */
export function publishThrough(publisher: EventPublisher): OutboxPublish {
  return async (rows) => {
    for (const row of rows) await publisher.publishEnvelope(row.payload as EventEnvelope, row.key);
  };
}
