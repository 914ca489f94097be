import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type DocumentReadKind } from '@ecogate/contracts';
import {
  type DrivingLicenceOutcome,
  type DrivingLicencePool,
  INVENTORY_LIST_FIELDS,
  type InventoryListOutcome,
  type InventoryListPool,
  LICENCE_FIELDS,
} from '@ecogate/document-reading';
import { type PoolRefusal } from '@ecogate/lpr';
import { documentFields, documentReadDuration, documentReads } from './document-metrics';
import { DRIVING_LICENCE_POOL, INVENTORY_LIST_POOL } from './document-readers.tokens';

interface ReadDocument {
  readonly found: boolean;
  /** Named when the document was found (what it should carry but did not). */
  readonly unreadable?: readonly string[];
  readonly reason?: string;
}

/**
 * The document readers as the service uses them: a photo to the reader's own worker pool (a
 * page's OCR never queues behind a lane's plates), metrics per document, the pools' shutdown.
 */
@Injectable()
export class DocumentReadersService implements OnApplicationShutdown {
  constructor(
    @Inject(DRIVING_LICENCE_POOL) private readonly licences: DrivingLicencePool,
    @Inject(INVENTORY_LIST_POOL) private readonly lists: InventoryListPool,
  ) {}

  readDrivingLicence(image: Uint8Array): Promise<DrivingLicenceOutcome | PoolRefusal> {
    return measured('driving-licence', LICENCE_FIELDS, this.licences.run(image));
  }

  readInventoryList(image: Uint8Array): Promise<InventoryListOutcome | PoolRefusal> {
    return measured('inventory-list', INVENTORY_LIST_FIELDS, this.lists.run(image));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.licences.close(), this.lists.close()]);
  }
}

async function measured<O extends { kind: string; read?: ReadDocument }>(
  document: DocumentReadKind,
  fieldNames: readonly string[],
  reading: Promise<O>,
): Promise<O> {
  const started = performance.now();
  const outcome = await reading;
  documentReadDuration.record((performance.now() - started) / 1000, { document });
  const read = outcome.kind === 'read' ? outcome.read : undefined;
  if (!read) {
    documentReads.add(1, { document, outcome: outcome.kind });
    return outcome;
  }
  documentReads.add(1, { document, outcome: read.found ? 'found' : (read.reason ?? 'not-found') });
  if (read.found)
    for (const field of fieldNames)
      documentFields.add(1, {
        document,
        field,
        result: read.unreadable?.includes(field) ? 'unreadable' : 'read',
      });
  return outcome;
}
