import { defineConfig } from '@ecogate/config';
import { lprConfigFrom, lprEnv } from '@ecogate/lpr';
import { inventoryListConfigFrom, inventoryListEnv } from './inventory-list.config';

const config = defineConfig({ ...lprEnv, ...inventoryListEnv }, (env) =>
  inventoryListConfigFrom(env, lprConfigFrom(env)),
);

describe('inventoryListConfigFrom', () => {
  it('has one worker by default and the plate engine’s pixel limit and heap', () => {
    const loaded = config.load({ LPR_MAX_INPUT_PIXELS: '1000000', LPR_WORKER_HEAP_MB: '300' });
    expect(loaded.pool).toEqual({ workers: 1, queueLimit: 4, jobTimeoutMs: 15_000, workerHeapMb: 300 });
    expect(loaded.init).toEqual({
      reader: { maxPixels: 1_000_000, decodeTimeoutSeconds: 15 },
      sharpConcurrency: 1,
    });
  });

  it('reads its own pool settings, the decode timeout following the job’s', () => {
    const loaded = config.load({
      INVENTORY_LIST_QR_WORKERS: '2',
      INVENTORY_LIST_QR_QUEUE_LIMIT: '0',
      INVENTORY_LIST_QR_JOB_TIMEOUT_MS: '2500',
    });
    expect(loaded.pool).toMatchObject({ workers: 2, queueLimit: 0, jobTimeoutMs: 2500 });
    expect(loaded.init.reader.decodeTimeoutSeconds).toBe(3);
  });

  it('names a bad variable', () => {
    expect(() => config.load({ INVENTORY_LIST_QR_WORKERS: '0' })).toThrow(/INVENTORY_LIST_QR_WORKERS/);
  });
});
