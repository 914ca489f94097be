import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  INVENTORY_LIST_FIELDS,
  type InventoryListOutcome,
  type InventoryListPool,
} from '@ecogate/document-reading';
import { type PoolRefusal } from '@ecogate/lpr';
import { documentFields, documentReadDuration, documentReads } from './document-metrics';
import { INVENTORY_LIST_POOL } from './inventory-list.tokens';

const DOCUMENT = 'inventory-list';

/** The 随车清单 reader as the service uses it: a photo to its worker pool, metrics, and the pool's shutdown. */
@Injectable()
export class InventoryListService implements OnApplicationShutdown {
  constructor(@Inject(INVENTORY_LIST_POOL) private readonly pool: InventoryListPool) {}

  async read(image: Uint8Array): Promise<InventoryListOutcome | PoolRefusal> {
    const started = performance.now();
    const outcome = await this.pool.run(image);
    documentReadDuration.record((performance.now() - started) / 1000, { document: DOCUMENT });
    if (outcome.kind !== 'read') {
      documentReads.add(1, { document: DOCUMENT, outcome: outcome.kind });
      return outcome;
    }
    const { read } = outcome;
    documentReads.add(1, { document: DOCUMENT, outcome: read.found ? 'found' : read.reason });
    if (read.found)
      for (const field of INVENTORY_LIST_FIELDS)
        documentFields.add(1, {
          document: DOCUMENT,
          field,
          result: read.unreadable.includes(field) ? 'unreadable' : 'read',
        });
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
