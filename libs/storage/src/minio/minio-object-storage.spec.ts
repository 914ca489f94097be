import { MinioObjectStorage } from './minio-object-storage';

// Only what is decided before any request: nothing here reaches a server (port 9 is discard).
const storage = new MinioObjectStorage({
  endpoint: 'http://127.0.0.1:9',
  accessKey: 'test',
  secretKey: 'test-secret',
  maxPresignedTtlSeconds: 600,
});

describe('MinioObjectStorage (no server)', () => {
  it('presigns offline with the configured region, within the TTL bound', async () => {
    const url = new URL(await storage.presignedGetUrl('evidence', 'a/b.jpg', 600));
    expect(url.pathname).toBe('/evidence/a/b.jpg');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(url.searchParams.get('X-Amz-Credential')).toContain('/us-east-1/s3/');
  });

  it.each([0, -1, 1.5, 601])('refuses a TTL of %p seconds', async (ttl) => {
    await expect(storage.presignedGetUrl('evidence', 'a/b.jpg', ttl)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });

  it.each([
    ['an upper-case key', { Plate: 'A' }],
    ['a reserved key', { 'content-type': 'text/plain' }],
    ['a non-ASCII value', { plate: '京A12345' }],
    ['too much metadata', { big: 'x'.repeat(2100) }],
  ])('refuses %s before uploading', async (_label, metadata) => {
    await expect(
      storage.put('evidence', 'a/b.jpg', Buffer.from('x'), { contentType: 'image/jpeg', metadata }),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
  });

  it('refuses lifecycle values out of range', async () => {
    await expect(storage.setExpiryDays('evidence', 'a/', 0)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(storage.setExpiryDays('evidence', '../', 30)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
  });
});
