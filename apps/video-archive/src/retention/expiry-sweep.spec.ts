import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FilesystemObjectStorage,
  ObjectLockedError,
  ObjectNotFoundError,
  type ObjectStorage,
} from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { segmentKey } from '../segment/segment-key';
import { startExpirySweep } from './expiry-sweep';
import { setUpVideoBucket } from './video-bucket';

const DAY_MS = 86_400_000;
const logger = createLogger({ service: 'expiry-sweep-spec', level: 'silent' });

// The embedded profile's store (ADR 0008): the bucket setup and its expiry behave as on MinIO,
// the sweep standing in for MinIO's background lifecycle.
describe('video bucket on the filesystem store', () => {
  let root: string;
  let storage: FilesystemObjectStorage;
  const bucket = 'ecogate-video';
  const key = (enterpriseId: string, minute: number) =>
    segmentKey({
      enterpriseId,
      siteId: 'site-a',
      cameraId: 'gate-1',
      start: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    });
  const put = (objectKey: string) =>
    storage.put(bucket, objectKey, Buffer.from(objectKey), { contentType: 'video/mp2t' });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'video-bucket-'));
    storage = new FilesystemObjectStorage({
      root,
      signedLinks: { baseUrl: 'http://127.0.0.1/objects', secret: 's'.repeat(32) },
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('sets the lifecycle rule and the GOVERNANCE default retention, again on the next boot', async () => {
    for (let boot = 0; boot < 2; boot += 1) {
      await setUpVideoBucket(storage, { bucket, enterpriseId: 'ent-1', videoDays: 180, objectLock: true });
    }
    await setUpVideoBucket(storage, { bucket, enterpriseId: 'ent-2', videoDays: 365, objectLock: true });
    expect(await storage.getExpiryRules(bucket)).toEqual([
      expect.objectContaining({ prefix: 'ent-1/', days: 180 }),
      expect.objectContaining({ prefix: 'ent-2/', days: 365 }),
    ]);
    expect(await storage.getDefaultRetention(bucket)).toEqual({ mode: 'GOVERNANCE', days: 365 });
    const { versionId } = await put(key('ent-1', 0));
    await expect(storage.remove(bucket, key('ent-1', 0), { versionId: versionId! })).rejects.toBeInstanceOf(
      ObjectLockedError,
    );
  });

  it('expires what is past its enterprise’s retention, keeping held and younger video', async () => {
    // The default retention is the bucket's (the last set, 180 days); the expiry is per enterprise.
    await setUpVideoBucket(storage, { bucket, enterpriseId: 'ent-2', videoDays: 365, objectLock: true });
    await setUpVideoBucket(storage, { bucket, enterpriseId: 'ent-1', videoDays: 180, objectLock: true });
    await put(key('ent-1', 0));
    await put(key('ent-1', 1));
    await storage.setLegalHold(bucket, key('ent-1', 1), true);
    await put(key('ent-2', 0));

    let now = new Date(Date.now() + 10 * DAY_MS);
    const sweep = startExpirySweep(storage, bucket, logger, { now: () => now })!;
    try {
      expect(await sweep.sweep()).toBe(0);
      now = new Date(Date.now() + 181 * DAY_MS);
      expect(await sweep.sweep()).toBe(1);
      await expect(storage.stat(bucket, key('ent-1', 0))).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect((await storage.stat(bucket, key('ent-1', 1))).size).toBeGreaterThan(0); // held
      expect((await storage.stat(bucket, key('ent-2', 0))).size).toBeGreaterThan(0); // 365 days
    } finally {
      await sweep.stop();
    }
  });

  it('has nothing to sweep before the bucket exists, and nothing to do on MinIO', async () => {
    const sweep = startExpirySweep(storage, 'not-created-yet', logger)!;
    expect(await sweep.sweep()).toBe(0);
    await sweep.stop();
    expect(startExpirySweep({} as ObjectStorage, bucket, logger)).toBeUndefined();
  });
});
