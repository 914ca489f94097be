import { type LedgerPassageRecordedV1 } from '@ecogate/contracts';
import { parseEnterpriseId, type EnterpriseId } from '@ecogate/persistence';
import { MAX_BATCH_RECORDS, type PlatformRecord } from '@ecogate/platform-protocol';
import { type Logger } from '@ecogate/telemetry';
import { type DeliverySettings } from '../config/upload.config';
import { type ClaimedBatch, type DeliveryRepository } from '../delivery/delivery.repository';
import { type ImageLinks } from '../images/image-links';
import { mapPassageToRecord } from '../mapping/passage-record.mapper';
import { uploadMetrics } from '../metrics/upload-metrics';
import { type PlatformAdapter, PlatformDeliveryError } from '../platform/platform-adapter';
import { retryDelayMs } from './backoff';
import { type PlatformStatus } from './platform-status';

export type DispatcherSettings = Pick<
  DeliverySettings,
  'enterpriseCodes' | 'batchSize' | 'pollIntervalMs' | 'retry' | 'concurrentEnterprises'
> & { readonly leaseMs: number };

/**
 * Store-and-forward loop: for each enterprise with due records, claims its oldest records in
 * capture order, sends them as one batch, and records each ack. One batch per enterprise at a
 * time (so back-fill after an outage keeps capture order); enterprises run in parallel.
 */
export class DeliveryDispatcher {
  private readonly active = new Set<string>();
  /** Lowered after a 413, per enterprise. */
  private readonly batchSizes = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly warnedUnmapped = new Set<string>();

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly adapter: PlatformAdapter,
    private readonly status: PlatformStatus,
    private readonly images: ImageLinks,
    private readonly settings: DispatcherSettings,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One pass over every enterprise with due work; resolves when each has drained or backed off. */
  async tick(): Promise<void> {
    if (this.status.halted) return;
    const due = (await this.deliveries.enterprisesWithDueWork()).filter((e) => !this.active.has(e));
    const queue = [...due];
    const workers = Array.from(
      { length: Math.min(this.settings.concurrentEnterprises, queue.length) },
      async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          this.active.add(next);
          try {
            await this.drain(parseEnterpriseId(next));
          } catch (error) {
            this.log.error({ err: error, enterpriseId: next }, 'delivery pass failed');
          } finally {
            this.active.delete(next);
          }
        }
      },
    );
    await Promise.all(workers);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.log.error({ err: error }, 'dispatcher pass failed'))
        .finally(() => this.schedule(this.settings.pollIntervalMs));
    }, delayMs);
  }

  private async drain(enterpriseId: EnterpriseId): Promise<void> {
    const enterpriseCode = this.settings.enterpriseCodes.get(enterpriseId);
    if (!enterpriseCode) {
      if (!this.warnedUnmapped.has(enterpriseId)) {
        this.warnedUnmapped.add(enterpriseId);
        this.log.error(
          { enterpriseId },
          'no HJ 608 enterprise code configured (UPLOAD_ENTERPRISE_CODES): records wait',
        );
      }
      return;
    }
    while (!this.stopped && !this.status.halted) {
      const size = Math.min(this.batchSizes.get(enterpriseId) ?? this.settings.batchSize, MAX_BATCH_RECORDS);
      const batch = await this.deliveries.claimBatch(enterpriseId, size, this.settings.leaseMs);
      if (!batch || batch.rows.length === 0) return;
      const keepGoing = await this.deliver(enterpriseId, enterpriseCode, batch);
      if (!keepGoing) return;
    }
  }

  /** Sends one claimed batch; `false` when the enterprise should wait (back-off or a stop). */
  private async deliver(enterpriseId: string, enterpriseCode: string, batch: ClaimedBatch): Promise<boolean> {
    const records: PlatformRecord[] = [];
    const capturedAt = new Map<string, Date>();
    const invalid: { serial: string; reason: string }[] = [];
    let resolveImage;
    try {
      // Fresh presigned links on every attempt, so a retried record never carries an expired one.
      resolveImage = await this.images.resolverFor(
        batch.rows.map((row) => row.passage as LedgerPassageRecordedV1),
      );
    } catch (error) {
      const reason = `image links unavailable: ${error instanceof Error ? error.message : String(error)}`;
      return this.onFailure(
        enterpriseId,
        batch,
        batch.rows.map((row) => row.serial),
        new PlatformDeliveryError('retriable', 'storage-unavailable', reason, undefined, { cause: error }),
      );
    }
    for (const row of batch.rows) {
      const mapped = mapPassageToRecord(
        row.serial,
        row.passage as LedgerPassageRecordedV1,
        resolveImage,
        row.overrides,
      );
      if (mapped.ok) {
        records.push(mapped.record);
        capturedAt.set(row.serial, new Date(row.capturedAt));
      } else invalid.push({ serial: row.serial, reason: `not sent (pre-send validation): ${mapped.reason}` });
    }
    if (invalid.length > 0) {
      await this.deliveries.markRejected(batch.token, invalid);
      uploadMetrics.rejected.add(invalid.length, { enterprise: enterpriseId, source: 'validation' });
    }
    if (records.length === 0) return true;

    try {
      const acks = await this.adapter.sendRecords(enterpriseCode, records);
      const delivered = acks.flatMap((ack) =>
        ack.status === 'rejected' ? [] : [{ serial: ack.serial, status: ack.status }],
      );
      const rejected = acks.flatMap((ack) =>
        ack.status === 'rejected'
          ? [{ serial: ack.serial, reason: ack.reason ?? 'rejected without a reason' }]
          : [],
      );
      await this.deliveries.markAcknowledged(batch.token, delivered);
      await this.deliveries.markRejected(batch.token, rejected);
      const now = Date.now();
      for (const ack of delivered) {
        uploadMetrics.delivered.add(1, { enterprise: enterpriseId, status: ack.status });
        const captured = capturedAt.get(ack.serial);
        if (captured)
          uploadMetrics.latency.record((now - captured.getTime()) / 1000, { enterprise: enterpriseId });
      }
      if (rejected.length > 0) {
        uploadMetrics.rejected.add(rejected.length, { enterprise: enterpriseId, source: 'platform' });
        this.log.warn({ enterpriseId, rejected }, 'platform rejected records');
      }
      this.batchSizes.delete(enterpriseId);
      return true;
    } catch (error) {
      return this.onFailure(
        enterpriseId,
        batch,
        records.map((r) => r.serial),
        error,
      );
    }
  }

  private async onFailure(
    enterpriseId: string,
    batch: ClaimedBatch,
    serials: readonly string[],
    error: unknown,
  ): Promise<boolean> {
    const failure =
      error instanceof PlatformDeliveryError
        ? error
        : new PlatformDeliveryError(
            'retriable',
            'unexpected',
            error instanceof Error ? error.message : String(error),
          );
    uploadMetrics.failures.add(1, { kind: failure.kind, code: failure.code });
    switch (failure.kind) {
      case 'configuration':
        // Nothing is marked delivered or failed: the records wait, untouched, for a fixed config.
        await this.deliveries.release(batch.token, failure.message);
        this.status.halt(failure.code, failure.message);
        this.log.error(
          { code: failure.code, reason: failure.message, adapter: this.adapter.name },
          'platform refuses our credentials: delivery stopped until the configuration is fixed',
        );
        return false;
      case 'too-large': {
        const current = this.batchSizes.get(enterpriseId) ?? this.settings.batchSize;
        this.batchSizes.set(enterpriseId, Math.max(1, Math.floor(current / 2)));
        await this.deliveries.release(batch.token, failure.message);
        return current > 1;
      }
      case 'batch-refused':
        await this.deliveries.markRejected(
          batch.token,
          serials.map((serial) => ({ serial, reason: `batch refused: ${failure.message}` })),
        );
        return true;
      case 'retriable': {
        const attempts = Math.max(...batch.rows.map((row) => row.attempts)) + 1;
        const delay = retryDelayMs(this.settings.retry, attempts, failure.retryAfterMs);
        await this.deliveries.markFailed(
          batch.token,
          serials,
          `${failure.code}: ${failure.message}`,
          delay,
          this.settings.retry.maxAttempts,
        );
        this.log.warn(
          { enterpriseId, code: failure.code, attempts, retryInMs: delay, records: serials.length },
          'delivery failed, will retry',
        );
        return false;
      }
    }
  }
}
