import { BucketNotFoundError, FilesystemObjectStorage, type ObjectStorage } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';

const DAY_MS = 86_400_000;

export interface ExpirySweep {
  /** One pass now (also what the timer runs): the number of versions expired. */
  sweep(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Makes the bucket's expiry rules (`setUpVideoBucket`'s `videoDays` per enterprise) take effect on
 * the embedded profile's filesystem store. MinIO applies lifecycle rules itself, in the background;
 * the filesystem store expires only when asked (`applyExpiryRules`, ADR 0008), so for it this asks
 * once at start and then every `intervalMs` (daily: expiry is counted in days). For any other
 * store it returns undefined: nothing to do. Locked and held versions stay, as on MinIO.
 */
export function startExpirySweep(
  storage: ObjectStorage,
  bucket: string,
  logger: Logger,
  options: { readonly intervalMs?: number; readonly now?: () => Date } = {},
): ExpirySweep | undefined {
  if (!(storage instanceof FilesystemObjectStorage)) return undefined;
  const now = options.now ?? (() => new Date());
  let running: Promise<number> | undefined;
  const sweep = (): Promise<number> => {
    // One pass at a time: a pass over a large bucket may outlast the interval.
    running ??= storage
      .applyExpiryRules(bucket, now())
      // No camera, no bucket yet: nothing to expire.
      .catch((error: unknown) => {
        if (error instanceof BucketNotFoundError) return 0;
        throw error;
      })
      .then((expired) => {
        if (expired > 0) logger.info({ bucket, expired }, 'expired video versions removed');
        return expired;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const pass = () =>
    void sweep().catch((error: unknown) =>
      logger.warn({ bucket, error: String(error) }, 'expiry sweep failed'),
    );
  const timer = setInterval(pass, options.intervalMs ?? DAY_MS).unref();
  pass();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
