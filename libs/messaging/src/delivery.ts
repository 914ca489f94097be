import { type EventEnvelope } from '@ecogate/contracts';
import { type Logger, meter } from '@ecogate/telemetry';
import { classifyFailure } from './dependency-unavailable';
import { describeFailure, type FailureCause } from './errors';
import { type EventContext, type EventHandlers } from './event-handler';
import { type ProcessedEventStore } from './idempotency/processed-event-store';
import { backoffDelay, type OutageBackoff, type RetryPolicy } from './retry-policy';

/** A partition waiting for a dependency (not counted against the retry policy). */
export interface StalledPartition {
  readonly topic: string;
  readonly partition: number;
  readonly since: string;
  readonly waits: number;
  readonly cause: FailureCause;
}

/** `skipped`: what an ephemeral consumer could not decode or handle (it has no dead-letter topic). */
export type Outcome = 'handled' | 'duplicate' | 'dead-lettered' | 'skipped';

/** Shared by every transport: one meaning of "consumed", "retried" and "waited" on a dashboard. */
export const consumedCounter = meter('messaging').createCounter('messaging_consumed_total', {
  description: 'Events consumed, by topic and outcome (handled, duplicate, dead-lettered, skipped)',
});
const retried = meter('messaging').createCounter('messaging_retries_total', {
  description: 'Handler attempts that failed and were retried',
});
const dependencyWaits = meter('messaging').createCounter('messaging_dependency_waits_total', {
  description: 'Waits because a dependency (database, storage, network) was unavailable',
});

/** What the delivery loop needs from its consumer (Kafka or embedded). */
export interface DeliveryRunner {
  readonly groupId: string;
  readonly handlers: EventHandlers;
  readonly processedEvents?: ProcessedEventStore;
  readonly claimBeforeHandling?: boolean;
  readonly retry: RetryPolicy;
  readonly outage: OutageBackoff;
  /** The consumer's stalled partitions (its health), keyed `topic:partition`. */
  readonly stalled: Map<string, StalledPartition>;
  readonly log: Logger;
  /** Sleeps; throws when the consumer stops meanwhile (the offset then stays uncommitted). */
  readonly pause: (ms: number) => Promise<void>;
}

/** Where the event sits in its partition. */
export interface DeliveredRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
}

export type Delivery =
  | { readonly outcome: 'handled' | 'duplicate' }
  | { readonly outcome: 'failed'; readonly cause: FailureCause; readonly attempts: number };

/**
 * One event through its handler with the project's rules (ADR 0005): a dependency outage waits
 * without limit and keeps the partition's order; other failures are retried with back-off up to the
 * policy, a fatal one at once, and then the caller dead-letters it. A claim taken before handling is
 * released when the event is not handled, so a redelivery is not mistaken for a duplicate.
 */
export async function deliver(
  runner: DeliveryRunner,
  envelope: EventEnvelope,
  record: DeliveredRecord,
): Promise<Delivery> {
  const { processedEvents, claimBeforeHandling, groupId, log } = runner;
  const handler = runner.handlers[envelope.type] as
    ((event: EventEnvelope, ctx: EventContext) => Promise<void>) | undefined;
  if (!handler) throw new Error(`no handler for ${envelope.type}`);

  let lastFailure: FailureCause = describeFailure(new Error('retry policy allows no attempt'));
  let failures = 0; // failures that count towards the retry policy (not dependency waits)
  let deliveries = 0;
  let claimed = false;
  const stallKey = `${record.topic}:${record.partition}`;
  try {
    while (failures < runner.retry.maxAttempts) {
      deliveries += 1;
      const ctx: EventContext = {
        topic: envelope.type,
        partition: record.partition,
        offset: record.offset,
        key: record.key,
        attempt: deliveries,
        claim: (tx) => {
          if (!processedEvents) throw new Error(`consumer ${groupId} has no processed-event store`);
          return processedEvents.claim(groupId, envelope.eventId, tx);
        },
      };
      try {
        // Inside the loop: the claim needs the database too, and waits for it like the handler.
        if (claimBeforeHandling && processedEvents && !claimed) {
          if (!(await processedEvents.claim(groupId, envelope.eventId))) {
            log.info({ eventId: envelope.eventId, type: envelope.type }, 'duplicate event skipped');
            return { outcome: 'duplicate' };
          }
          claimed = true;
        }
        await handler(envelope, ctx);
        return { outcome: 'handled' };
      } catch (error) {
        const kind = classifyFailure(error);
        const cause = describeFailure(error);
        if (kind === 'dependency-unavailable') {
          // The message is fine and the world is not: wait without limit, keep order and membership.
          const waits = (runner.stalled.get(stallKey)?.waits ?? 0) + 1;
          const since = runner.stalled.get(stallKey)?.since ?? new Date().toISOString();
          runner.stalled.set(stallKey, {
            topic: envelope.type,
            partition: record.partition,
            since,
            waits,
            cause,
          });
          dependencyWaits.add(1, { group: groupId, topic: envelope.type });
          log[waits === 1 ? 'warn' : 'debug'](
            { eventId: envelope.eventId, waits, cause },
            'dependency unavailable, partition waits',
          );
          await runner.pause(backoffDelay(runner.outage, waits));
          continue;
        }
        runner.stalled.delete(stallKey);
        failures += 1;
        lastFailure = cause;
        log.warn({ eventId: envelope.eventId, attempt: failures, cause }, 'event handler failed');
        if (kind === 'fatal') break;
        if (failures < runner.retry.maxAttempts) {
          retried.add(1, { topic: envelope.type });
          await runner.pause(backoffDelay(runner.retry, failures));
        }
      }
    }
  } catch (error) {
    // Stopping or rebalancing mid-wait: the offset stays uncommitted and the message comes back,
    // so a claim taken outside the handler's transaction must not make it look handled.
    if (claimed && processedEvents)
      await processedEvents
        .release(groupId, envelope.eventId)
        .catch((releaseError: unknown) =>
          log.error(
            { eventId: envelope.eventId, cause: describeFailure(releaseError) },
            'claim not released',
          ),
        );
    throw error;
  } finally {
    runner.stalled.delete(stallKey);
  }
  if (claimed && processedEvents) await processedEvents.release(groupId, envelope.eventId);
  return { outcome: 'failed', cause: lastFailure, attempts: failures };
}
