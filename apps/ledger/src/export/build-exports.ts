import { type DataSource } from '@ecogate/persistence';
import { createObjectStorage, type ObjectStorage, type ObjectStorageSettings } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type ExportConfig } from './export.config';
import { ExportJobStore } from './export-job.store';
import { ExportService } from './export.service';
import { ExportRunner } from './export-runner';
import { ExportWorker } from './export-worker';

export interface Exports {
  readonly service: ExportService;
  readonly worker: ExportWorker;
  /** The exports' storage client and bucket readiness: evidence packs go to the same bucket. */
  readonly storage: ObjectStorage;
  readonly bucketReady: () => Promise<void>;
}

/**
 * The export's parts for the composition root: its bucket (created when missing; a failure is
 * logged, not fatal) with the lifecycle rule that removes files after `keepDays` (MinIO's scanner
 * applies it, the worker does on the filesystem store), the API service and the worker (rows are
 * formatted in a thread per job, `SheetThreadSink`); the root starts the worker once the service
 * is up. Its own storage client, so its link lifetime is not the documents'.
 */
export async function buildExports(
  dataSource: DataSource,
  storageSettings: ObjectStorageSettings,
  config: ExportConfig,
  logger: Logger,
  /** The chain signing key's public half; passages exports then carry the period's signed roots. */
  chainPublicKeyPem?: string,
): Promise<Exports> {
  const storage = createObjectStorage(storageSettings, { maxPresignedTtlSeconds: config.urlTtlSeconds });
  const log = logger.child({ component: 'export' });
  // Not a reason to stop the ledger (its intake matters more): logged, and tried again by the
  // next export before its upload; until then exports fail with an error id.
  let ready: Promise<void> | undefined;
  const bucketReady = (): Promise<void> =>
    (ready ??= (async () => {
      await storage.ensureBucket(config.bucket);
      await storage.setExpiryDays(config.bucket, 'exports/', config.keepDays);
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));
  await bucketReady().catch((error: unknown) =>
    log.error({ err: error, bucket: config.bucket }, 'exports bucket not ready; exports fail until it is'),
  );
  const store = new ExportJobStore(dataSource);
  const worker = new ExportWorker(
    store,
    new ExportRunner(dataSource, store, storage, config, log, bucketReady, chainPublicKeyPem),
    storage,
    config,
    log,
  );
  return {
    service: new ExportService(dataSource, store, storage, config, worker),
    worker,
    storage,
    bucketReady,
  };
}
