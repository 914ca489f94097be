import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type InventoryListOutcome, type InventoryListPool } from '@ecogate/document-reading';
import { type PoolRefusal } from '@ecogate/lpr';
import { meter } from '@ecogate/telemetry';
import { INVENTORY_LIST_POOL } from './inventory-list.tokens';

const qrReads = meter('plate-recognition').createCounter('document_qr_reads_total', {
  description:
    '随车清单 photos read for their QR code, by outcome (found, no-qr-code, not-an-inventory-list-code, ' +
    'unreadable-image, refusals) and, when found, whether every field was read',
});
const qrDuration = meter('plate-recognition').createHistogram('document_qr_read_duration_seconds', {
  description: 'From the 随车清单 photo handed to the QR pool to its answer (queueing included)',
  unit: 's',
  advice: { explicitBucketBoundaries: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15] },
});

/** The 随车清单 reader as the service uses it: a photo to its worker pool, metrics, and the pool's shutdown. */
@Injectable()
export class InventoryListService implements OnApplicationShutdown {
  constructor(@Inject(INVENTORY_LIST_POOL) private readonly pool: InventoryListPool) {}

  async read(image: Uint8Array): Promise<InventoryListOutcome | PoolRefusal> {
    const started = performance.now();
    const outcome = await this.pool.run(image);
    qrDuration.record((performance.now() - started) / 1000);
    qrReads.add(1, labelsOf(outcome));
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}

function labelsOf(outcome: InventoryListOutcome | PoolRefusal): Record<string, string> {
  if (outcome.kind !== 'read') return { outcome: outcome.kind };
  const { read } = outcome;
  if (!read.found) return { outcome: read.reason };
  return { outcome: 'found', complete: String(read.unreadable.length === 0) };
}
