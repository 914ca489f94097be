import { type Logger } from '@ecogate/telemetry';
import { setTimeout as sleep } from 'node:timers/promises';
import { type PushReceiptKey, type PushReceipts } from '../receipts/push-receipt.repository';
import { IngestException } from './ingest.exception';

/** How often a re-push looks again at an attempt of the same capture in flight. */
const IN_FLIGHT_POLL_MS = 50;
/** The original usually finishes within seconds; past its lease a retry takes the capture over. */
const MAX_RETRY_AFTER_SECONDS = 5;

/**
 * The dedupe of pushed captures, whatever the camera watches (a lane or a loading area): claim the
 * capture before storing it, give the claim back on a failure (so the camera's retry works), mark
 * it published once its events are out.
 */
export class PushClaims {
  constructor(
    private readonly receipts: PushReceipts,
    private readonly logger: Logger,
    private readonly inFlightWaitMs: number,
  ) {}

  /**
   * Claims the capture, or waits (bounded) while another attempt holds it: 'published' once that
   * one stored and published it; its failure releases the claim and this push takes it over. Past
   * the wait, `onGiveUp` runs and the push is refused with a retry-able `push-in-flight`.
   */
  async claimOrWait(
    receipt: PushReceiptKey,
    eventId: string,
    onGiveUp: () => void,
  ): Promise<'claimed' | 'published'> {
    const deadline = Date.now() + this.inFlightWaitMs;
    for (;;) {
      const claim = await this.receipts.claim(receipt, eventId);
      if (claim.kind !== 'in-flight') return claim.kind;
      const left = deadline - Date.now();
      if (left <= 0) {
        onGiveUp();
        this.logger.warn(
          { deviceId: receipt.deviceId, eventId },
          're-push while the first attempt is still in flight; asked to retry',
        );
        throw new IngestException('push-in-flight', 'this capture is still being stored; retry', {
          retryAfterSeconds: Math.min(
            MAX_RETRY_AFTER_SECONDS,
            Math.max(1, Math.ceil(claim.leaseLeftMs / 1000)),
          ),
        });
      }
      await sleep(Math.min(IN_FLIGHT_POLL_MS, left));
    }
  }

  /** Gives a failed attempt's claim back; if that fails too, the claim expires by itself. */
  async release(receipt: PushReceiptKey): Promise<void> {
    await this.receipts
      .release(receipt)
      .catch((releaseError: unknown) =>
        this.logger.error({ err: releaseError }, 'could not release a push claim; it expires by itself'),
      );
  }

  /**
   * Published: the push is accepted whatever happens to the receipt now. A re-push after the lease
   * publishes the same event ids again, which consumers drop as duplicates.
   */
  async markPublished(receipt: PushReceiptKey, eventId: string): Promise<void> {
    await this.receipts
      .markPublished(receipt)
      .catch((markError: unknown) =>
        this.logger.warn(
          { err: markError, eventId },
          'push published but its receipt not marked; a re-push is published again under the same ids',
        ),
      );
  }
}

/** A failure to store or publish, as the camera is answered: a refusal as it is, anything else retry-able. */
export function asIngestFailure(error: unknown): IngestException {
  if (error instanceof IngestException) return error;
  return new IngestException('storage-unavailable', 'could not store or publish the capture; retry', {
    cause: error,
    retryAfterSeconds: 1,
  });
}
