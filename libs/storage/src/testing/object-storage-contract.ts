import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { ObjectLockedError, ObjectNotFoundError, objectKey, type ObjectStorage } from '..';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export interface ObjectStorageContractOptions {
  /** Fetches what a presigned GET URL serves (over HTTP for S3, through the signed-link check otherwise). */
  readonly readPresigned: (url: string) => Promise<Buffer>;
}

/**
 * What every `ObjectStorage` backend owes the services (ADR 0004, 0007, 0008), run against each:
 * MinIO in the integration suite, the filesystem in the unit suite. Buckets are fresh per run.
 */
export function describeObjectStorageContract(
  name: string,
  openStorage: () => Promise<ObjectStorage>,
  options: ObjectStorageContractOptions,
): void {
  describe(`object storage contract: ${name}`, () => {
    let storage: ObjectStorage;
    const run = randomUUID().slice(0, 8);
    const bucket = `it-contract-${run}`;
    const lockedBucket = `it-contract-locked-${run}`;

    beforeAll(async () => {
      storage = await openStorage();
      expect(await storage.ensureBucket(bucket, { versioning: true })).toEqual({ created: true });
      expect(await storage.ensureBucket(bucket, { versioning: true })).toEqual({ created: false });
      expect(await storage.ensureBucket(lockedBucket, { objectLock: true })).toEqual({ created: true });
    });

    it('puts, gets, stats, lists and presigns a content-addressed object with metadata', async () => {
      const body = Buffer.from(`plate image ${run}`);
      const sha256 = createHash('sha256').update(body).digest('hex');
      const key = objectKey({
        enterpriseId: 'acme',
        siteId: 'north',
        date: new Date(),
        kind: 'plate',
        sha256,
        ext: 'jpg',
      });
      const metadata = { 'capture-id': 'cap-1', plate: encodeURIComponent('京A12345') };

      const put = await storage.put(bucket, key, body, { contentType: 'image/jpeg', metadata });
      expect(put.etag).toMatch(/^[0-9a-f]{32}$/);
      expect(put.versionId).toEqual(expect.any(String));
      expect(await readAll(await storage.get(bucket, key))).toEqual(body);
      const stat = await storage.stat(bucket, key);
      expect(stat).toMatchObject({ size: body.length, contentType: 'image/jpeg', etag: put.etag, metadata });
      expect(await options.readPresigned(await storage.presignedGetUrl(bucket, key, 60))).toEqual(body);

      const listed = [];
      for await (const object of storage.list(bucket, 'acme/north/')) listed.push(object);
      expect(listed).toEqual([expect.objectContaining({ key, size: body.length, etag: put.etag })]);
    });

    it('streams a Readable body of unknown size', async () => {
      const parts = Array.from({ length: 50 }, (_, n) => Buffer.alloc(10_000, n));
      await storage.put(bucket, 'streams/unknown-size.bin', Readable.from(parts), {
        contentType: 'application/octet-stream',
      });
      expect((await storage.stat(bucket, 'streams/unknown-size.bin')).size).toBe(500_000);
      const read = await readAll(await storage.get(bucket, 'streams/unknown-size.bin'));
      expect(read.equals(Buffer.concat(parts))).toBe(true);
    });

    it('keeps versions: an overwrite adds one, a plain delete adds a marker', async () => {
      const key = 'versions/doc.txt';
      const first = await storage.put(bucket, key, Buffer.from('one'), { contentType: 'text/plain' });
      const second = await storage.put(bucket, key, Buffer.from('two'), { contentType: 'text/plain' });
      expect(second.versionId).not.toBe(first.versionId);
      expect((await readAll(await storage.get(bucket, key))).toString()).toBe('two');
      expect(
        (await readAll(await storage.get(bucket, key, { versionId: first.versionId! }))).toString(),
      ).toBe('one');
      await storage.remove(bucket, key);
      await expect(storage.stat(bucket, key)).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect((await storage.stat(bucket, key, { versionId: second.versionId! })).size).toBe(3);
    });

    it('throws ObjectNotFoundError for a missing object, and bucket-not-found for a missing bucket', async () => {
      await expect(storage.get(bucket, 'missing/nothing.jpg')).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(storage.stat(bucket, 'missing/nothing.jpg')).rejects.toMatchObject({
        code: 'object-not-found',
        key: 'missing/nothing.jpg',
      });
      await expect(storage.get(`it-missing-${run}`, 'x')).rejects.toMatchObject({ code: 'bucket-not-found' });
    });

    it('sets lifecycle expiry per prefix and reads it back', async () => {
      expect(await storage.getExpiryRules(bucket)).toEqual([]);
      await storage.setExpiryDays(bucket, 'acme/', 365);
      await storage.setExpiryDays(bucket, 'tmp/', 1);
      await storage.setExpiryDays(bucket, 'acme/', 730);
      const rules = await storage.getExpiryRules(bucket);
      expect(rules.sort((a, b) => a.prefix.localeCompare(b.prefix))).toEqual([
        { id: 'expire-acme/', prefix: 'acme/', days: 730 },
        { id: 'expire-tmp/', prefix: 'tmp/', days: 1 },
      ]);
    });

    it('refuses to create object lock on an existing bucket', async () => {
      await expect(storage.ensureBucket(bucket, { objectLock: true })).rejects.toMatchObject({
        code: 'bucket-conflict',
      });
    });

    it('refuses deleting a retained version; GOVERNANCE can be bypassed', async () => {
      const key = 'acme/north/clip.mp4';
      const { versionId } = await storage.put(lockedBucket, key, Buffer.from('video'), {
        contentType: 'video/mp4',
      });
      const retainUntil = new Date(Date.now() + 24 * 3600 * 1000);
      retainUntil.setMilliseconds(0);
      await storage.setObjectRetention(lockedBucket, key, {
        mode: 'GOVERNANCE',
        retainUntil,
        versionId: versionId!,
      });
      expect(await storage.getObjectRetention(lockedBucket, key, { versionId: versionId! })).toEqual({
        mode: 'GOVERNANCE',
        retainUntil,
      });
      await expect(storage.remove(lockedBucket, key, { versionId: versionId! })).rejects.toBeInstanceOf(
        ObjectLockedError,
      );
      expect((await storage.stat(lockedBucket, key, { versionId: versionId! })).size).toBe(5);
      await storage.remove(lockedBucket, key, { versionId: versionId!, bypassGovernance: true });
      await expect(storage.stat(lockedBucket, key, { versionId: versionId! })).rejects.toBeInstanceOf(
        ObjectNotFoundError,
      );
    });

    it('refuses deleting a COMPLIANCE version even with the bypass, and shortening its retention', async () => {
      const key = 'acme/north/evidence.jpg';
      const { versionId } = await storage.put(lockedBucket, key, Buffer.from('evidence'), {
        contentType: 'image/jpeg',
      });
      const retainUntil = new Date(Date.now() + 3600 * 1000);
      await storage.setObjectRetention(lockedBucket, key, {
        mode: 'COMPLIANCE',
        retainUntil,
        versionId: versionId!,
      });
      await expect(
        storage.remove(lockedBucket, key, { versionId: versionId!, bypassGovernance: true }),
      ).rejects.toBeInstanceOf(ObjectLockedError);
      await expect(
        storage.setObjectRetention(lockedBucket, key, {
          mode: 'COMPLIANCE',
          retainUntil: new Date(Date.now() + 60_000),
          versionId: versionId!,
          bypassGovernance: true,
        }),
      ).rejects.toMatchObject({ code: expect.stringMatching(/object-locked|access-denied/) });
    });

    it('honours a legal hold until it is lifted', async () => {
      const key = 'acme/north/held.jpg';
      const { versionId } = await storage.put(lockedBucket, key, Buffer.from('held'), {
        contentType: 'image/jpeg',
      });
      await storage.setLegalHold(lockedBucket, key, true, { versionId: versionId! });
      expect(await storage.getLegalHold(lockedBucket, key, { versionId: versionId! })).toBe(true);
      await expect(
        storage.remove(lockedBucket, key, { versionId: versionId!, bypassGovernance: true }),
      ).rejects.toBeInstanceOf(ObjectLockedError);
      await storage.setLegalHold(lockedBucket, key, false, { versionId: versionId! });
      expect(await storage.getLegalHold(lockedBucket, key, { versionId: versionId! })).toBe(false);
      await storage.remove(lockedBucket, key, { versionId: versionId! });
    });

    it('applies the default retention to new versions', async () => {
      await storage.setDefaultRetention(lockedBucket, { mode: 'GOVERNANCE', days: 1 });
      expect(await storage.getDefaultRetention(lockedBucket)).toEqual({ mode: 'GOVERNANCE', days: 1 });
      const { versionId } = await storage.put(lockedBucket, 'acme/north/new.jpg', Buffer.from('new'), {
        contentType: 'image/jpeg',
      });
      const retention = await storage.getObjectRetention(lockedBucket, 'acme/north/new.jpg', {
        versionId: versionId!,
      });
      expect(retention?.mode).toBe('GOVERNANCE');
      expect(retention!.retainUntil.getTime()).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
      await expect(
        storage.remove(lockedBucket, 'acme/north/new.jpg', { versionId: versionId! }),
      ).rejects.toBeInstanceOf(ObjectLockedError);
      await storage.remove(lockedBucket, 'acme/north/new.jpg', {
        versionId: versionId!,
        bypassGovernance: true,
      });
    });
  });
}
