import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type PoolOptions, RecognitionPool } from '@ecogate/lpr';
import { type InventoryListOutcome, type InventoryListReaderOptions } from './inventory-list-reader';

/** What each QR worker is started with (structured-cloned into it). */
export interface InventoryListWorkerInit {
  readonly reader: InventoryListReaderOptions;
  /** libvips threads per worker. */
  readonly sharpConcurrency: number;
}

export type InventoryListPool = RecognitionPool<InventoryListOutcome, InventoryListWorkerInit>;

/**
 * The QR reader's own worker threads, on lpr's pool (bounded queue, `overloaded` at once when full,
 * hung jobs timed out). One decode of a phone photo takes 20–400 ms of CPU and a photo without a
 * code runs every attempt: far too long for the event loop, and it must not wait behind plates.
 */
export function startInventoryListPool(
  options: Omit<PoolOptions<InventoryListWorkerInit>, 'workerScript'>,
): Promise<InventoryListPool> {
  return RecognitionPool.start<InventoryListOutcome, InventoryListWorkerInit>({
    ...options,
    workerScript: workerScript(),
  });
}

/** Next to this file: `.ts` from source (Jest, tsx), `.js` once compiled. */
function workerScript(): string {
  const js = join(__dirname, 'inventory-list.worker.js');
  return existsSync(js) ? js : join(__dirname, 'inventory-list.worker.ts');
}
