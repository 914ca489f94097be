import { positiveInt } from '@ecogate/config';
import { type LprConfig } from '@ecogate/lpr';
import { z } from 'zod';
import { type InventoryListWorkerInit } from './inventory-list-pool';

/** The QR reader's environment; its pixel limit is the plate engine's (`LPR_MAX_INPUT_PIXELS`). */
export const inventoryListEnv = {
  /** Worker threads decoding 随车清单 QR codes (each holds one ZXing wasm module, a few MB). */
  INVENTORY_LIST_QR_WORKERS: positiveInt(1),
  /** Photos allowed to wait for a worker; one more is answered 503 at once. */
  INVENTORY_LIST_QR_QUEUE_LIMIT: z.coerce.number().int().min(0).max(1000).default(4),
  /** A photo taking longer is abandoned and its worker replaced. */
  INVENTORY_LIST_QR_JOB_TIMEOUT_MS: positiveInt(15_000),
};

export type InventoryListEnv = z.infer<z.ZodObject<typeof inventoryListEnv>>;

export interface InventoryListConfig {
  readonly init: InventoryListWorkerInit;
  readonly pool: {
    readonly workers: number;
    readonly queueLimit: number;
    readonly jobTimeoutMs: number;
    readonly workerHeapMb: number;
  };
}

export function inventoryListConfigFrom(env: InventoryListEnv, lpr: LprConfig): InventoryListConfig {
  return {
    init: {
      reader: {
        maxPixels: lpr.pipeline.maxInputPixels,
        decodeTimeoutSeconds: Math.max(1, Math.ceil(env.INVENTORY_LIST_QR_JOB_TIMEOUT_MS / 1000)),
      },
      sharpConcurrency: 1,
    },
    pool: {
      workers: env.INVENTORY_LIST_QR_WORKERS,
      queueLimit: env.INVENTORY_LIST_QR_QUEUE_LIMIT,
      jobTimeoutMs: env.INVENTORY_LIST_QR_JOB_TIMEOUT_MS,
      workerHeapMb: lpr.pool.workerHeapMb,
    },
  };
}
