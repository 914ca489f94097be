import { NATIONAL_RETENTION_FLOORS, retentionPolicy, type RetentionDays } from '@ecogate/domain';
import { objectKeyPrefix, type ObjectStorage, type RetentionMode } from '@ecogate/storage';

export interface VideoBucketSettings {
  readonly bucket: string;
  readonly enterpriseId: string;
  /** The enterprise's video retention; refused below the city's floor, never clamped. */
  readonly videoDays: number;
  /** The city's floors; the national ones (video 180 days) by default. */
  readonly floors?: RetentionDays;
  /** WORM for `videoDays`: only when the bucket is created. */
  readonly objectLock?: boolean;
  /** GOVERNANCE (default: an authorised operator may bypass) or COMPLIANCE (nobody may, ADR 0004). */
  readonly lockMode?: RetentionMode;
}

/** A retention request below the legal floor: the bucket is left untouched. */
export class VideoRetentionRefusedError extends Error {
  readonly code = 'video-retention-below-floor';
  constructor(
    readonly requestedDays: number,
    readonly floorDays: number | undefined,
    reason: string,
  ) {
    super(`Video retention refused: ${reason}`);
    this.name = 'VideoRetentionRefusedError';
  }
}

/**
 * Creates the video bucket (optionally with object lock) and sets the lifecycle expiry of the
 * enterprise's prefix from its video retention, validated by the domain's `retentionPolicy`.
 */
export async function setUpVideoBucket(
  storage: ObjectStorage,
  settings: VideoBucketSettings,
): Promise<number> {
  const floors = settings.floors ?? NATIONAL_RETENTION_FLOORS;
  const policy = retentionPolicy({ videoDays: settings.videoDays, ledgerDays: floors.ledgerDays }, floors);
  if (!policy.ok) {
    throw new VideoRetentionRefusedError(settings.videoDays, policy.error.floorDays, policy.error.reason);
  }
  const days = policy.value.videoDays;
  await storage.ensureBucket(settings.bucket, { objectLock: settings.objectLock === true });
  await storage.setExpiryDays(
    settings.bucket,
    objectKeyPrefix({ enterpriseId: settings.enterpriseId }),
    days,
  );
  if (settings.objectLock === true) {
    await storage.setDefaultRetention(settings.bucket, { mode: settings.lockMode ?? 'GOVERNANCE', days });
  }
  return days;
}
