import { type RecordAck, type RecordsAck, validateBatch } from '@ecogate/platform-protocol';
import { PlatformException } from '../errors/platform.exception';
import { type RecordStore, type Transport } from '../state/record-store';
import { type SimulatorStats } from '../state/simulator-stats';
import { parseJsonBody } from './json-body';

export interface IngestContext {
  appId: string;
  via: Transport;
  nowMs: number;
  /** TCP sessions are bound to one enterprise at login. */
  expectedEnterpriseCode?: string;
}

/**
 * Receives a batch the way the reference platform does: the envelope must be sound (else 400),
 * then each record is acknowledged on its own, `duplicate` when its serial was accepted before
 * (checked first, and never counted twice), `rejected` with the field path when invalid,
 * `accepted` and stored otherwise. Acks follow request order.
 */
export class RecordIngestService {
  constructor(
    private readonly store: RecordStore,
    private readonly stats: SimulatorStats,
  ) {}

  ingest(rawBody: string | Uint8Array, context: IngestContext): RecordsAck {
    const batch = validateBatch(this.#parse(rawBody));
    if (!batch.ok) {
      this.stats.invalidRequests += 1;
      throw new PlatformException('invalid-request', batch.reason);
    }
    if (
      context.expectedEnterpriseCode !== undefined &&
      batch.enterpriseCode !== context.expectedEnterpriseCode
    ) {
      throw new PlatformException(
        'session-mismatch',
        `enterpriseCode ${batch.enterpriseCode} differs from the session's ${context.expectedEnterpriseCode}`,
      );
    }
    const receivedAt = new Date(context.nowMs).toISOString();
    const acks = batch.items.map((item): RecordAck => {
      if (this.store.has(item.serial)) {
        this.stats.duplicates += 1;
        return { serial: item.serial, status: 'duplicate' };
      }
      if (!item.ok) {
        this.stats.rejected += 1;
        return { serial: item.serial, status: 'rejected', reason: item.reason };
      }
      this.store.add({
        enterpriseCode: batch.enterpriseCode,
        appId: context.appId,
        via: context.via,
        receivedAt,
        record: item.record,
      });
      this.stats.accepted += 1;
      return { serial: item.serial, status: 'accepted' };
    });
    return { code: 0, acks };
  }

  #parse(rawBody: string | Uint8Array): unknown {
    try {
      return parseJsonBody(rawBody);
    } catch (error) {
      this.stats.invalidRequests += 1;
      throw error;
    }
  }
}
