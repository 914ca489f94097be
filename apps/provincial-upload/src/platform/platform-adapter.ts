import { type PlatformRecord, type RecordAck } from '@ecogate/platform-protocol';

/**
 * One supervision platform's wire protocol. Each province gets its own folder implementing this;
 * the dispatcher, queue and operator API do not change. Failures are thrown as
 * `PlatformDeliveryError` so the dispatcher can decide: retry, park, or stop.
 */
export interface PlatformAdapter {
  readonly name: string;
  /** Sends up to `maxBatch` records; resolves with one ack per record, in order. */
  sendRecords(enterpriseCode: string, records: readonly PlatformRecord[]): Promise<readonly RecordAck[]>;
  heartbeat(enterpriseCode: string, pending: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * - `retriable`: 5xx, 429, timeouts, resets, unreadable acks, stale timestamp: send again later;
 * - `configuration`: the platform refuses our credentials (401): stop, an operator must fix config;
 * - `batch-refused`: the platform refused the request as a whole (400): park the records;
 * - `too-large`: 413: send fewer records at a time.
 */
export type PlatformFailureKind = 'retriable' | 'configuration' | 'batch-refused' | 'too-large';

export class PlatformDeliveryError extends Error {
  constructor(
    readonly kind: PlatformFailureKind,
    /** The protocol error name (`bad-signature`) or a network code (`ECONNREFUSED`). */
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PlatformDeliveryError';
  }
}
