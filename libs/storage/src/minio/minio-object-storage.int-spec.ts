import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { loadInfraEnv } from '@ecogate/testing';
import { objectKey } from '../object-key';
import { ObjectLockedError, ObjectNotFoundError, StorageUnavailableError } from '../storage-errors';
import { MinioObjectStorage } from './minio-object-storage';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('MinioObjectStorage against the real MinIO', () => {
  const env = loadInfraEnv();
  const storage = new MinioObjectStorage({
    endpoint: env.S3_ENDPOINT,
    accessKey: env.S3_ACCESS_KEY,
    secretKey: env.S3_SECRET_KEY,
  });
  // Fresh `it-*` buckets per run keep this file independent of every other run (local data is disposable).
  const run = randomUUID().slice(0, 8);
  const bucket = `it-storage-${run}`;
  const lockedBucket = `it-locked-${run}`;

  beforeAll(async () => {
    expect(await storage.ensureBucket(bucket, { versioning: true })).toEqual({ created: true });
    expect(await storage.ensureBucket(bucket, { versioning: true })).toEqual({ created: false });
  });

  it('puts, gets, stats and serves a presigned GET, with metadata, under a content-addressed key', async () => {
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
    expect(decodeURIComponent(stat.metadata['plate'] ?? '')).toBe('京A12345');

    const url = await storage.presignedGetUrl(bucket, key, 60);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-amz-meta-capture-id')).toBe('cap-1');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(body);

    const listed = [];
    for await (const object of storage.list(bucket, 'acme/north/')) listed.push(object);
    expect(listed).toEqual([expect.objectContaining({ key, size: body.length, etag: put.etag })]);
  });

  it('streams a Readable body of unknown size', async () => {
    const parts = Array.from({ length: 50 }, (_, n) => Buffer.alloc(10_000, n));
    const put = await storage.put(bucket, 'streams/unknown-size.bin', Readable.from(parts), {
      contentType: 'application/octet-stream',
    });
    expect(put.etag).toBeTruthy();
    expect((await storage.stat(bucket, 'streams/unknown-size.bin')).size).toBe(500_000);
    // Buffer.equals: a deep toEqual over 500 kB takes seconds.
    const read = await readAll(await storage.get(bucket, 'streams/unknown-size.bin'));
    expect(read.equals(Buffer.concat(parts))).toBe(true);
  });

  it('throws ObjectNotFoundError for a missing object, from get and from stat', async () => {
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

  it('blocks deleting a retained version of an object-lock bucket', async () => {
    expect(await storage.ensureBucket(lockedBucket, { objectLock: true })).toEqual({ created: true });
    await expect(storage.ensureBucket(bucket, { objectLock: true })).rejects.toMatchObject({
      code: 'bucket-conflict',
    });

    const key = 'acme/north/clip.mp4';
    const { versionId } = await storage.put(lockedBucket, key, Buffer.from('video'), {
      contentType: 'video/mp4',
    });
    expect(versionId).toEqual(expect.any(String));
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

    await storage.setLegalHold(lockedBucket, key, true, { versionId: versionId! });
    expect(await storage.getLegalHold(lockedBucket, key, { versionId: versionId! })).toBe(true);
    await storage.setLegalHold(lockedBucket, key, false, { versionId: versionId! });
    expect(await storage.getLegalHold(lockedBucket, key, { versionId: versionId! })).toBe(false);

    await storage.setDefaultRetention(lockedBucket, { mode: 'GOVERNANCE', days: 1 });
    expect(await storage.getDefaultRetention(lockedBucket)).toEqual({ mode: 'GOVERNANCE', days: 1 });

    // GOVERNANCE (unlike COMPLIANCE) can be bypassed by an authorised caller: the test cleans up so.
    await storage.remove(lockedBucket, key, { versionId: versionId!, bypassGovernance: true });
    await expect(storage.stat(lockedBucket, key, { versionId: versionId! })).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
  });

  it('reports an unreachable service as the retriable StorageUnavailableError', async () => {
    const down = new MinioObjectStorage({ endpoint: 'http://127.0.0.1:9', accessKey: 'x', secretKey: 'y' });
    await expect(down.stat(bucket, 'x')).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});
