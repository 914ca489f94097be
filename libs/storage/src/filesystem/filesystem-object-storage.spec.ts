import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describeObjectStorageContract } from '../testing/object-storage-contract';
import { ObjectNotFoundError } from '../storage-errors';
import { FilesystemObjectStorage } from './filesystem-object-storage';
import { SignedLinkError, verifySignedLink } from './signed-link';

const signedLinks = {
  baseUrl: 'http://127.0.0.1:3000/objects',
  secret: 'a-test-secret-of-at-least-32-characters',
};
const roots: string[] = [];

async function openStorage(): Promise<FilesystemObjectStorage> {
  const root = await mkdtemp(join(tmpdir(), 'ecogate-objects-'));
  roots.push(root);
  return new FilesystemObjectStorage({ root, signedLinks });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

let contractStorage: FilesystemObjectStorage;
describeObjectStorageContract(
  'filesystem',
  async () => {
    contractStorage = await openStorage();
    return contractStorage;
  },
  {
    // What the gateway's signed-link route will do: verify, then stream the object.
    readPresigned: async (url) => {
      const { bucket, key, versionId } = verifySignedLink(url, signedLinks);
      return readAll(await contractStorage.get(bucket, key, versionId === null ? {} : { versionId }));
    },
  },
);

describe('FilesystemObjectStorage', () => {
  let storage: FilesystemObjectStorage;
  beforeAll(async () => {
    storage = await openStorage();
    await storage.ensureBucket('plain-bucket');
    await storage.ensureBucket('versioned-bucket', { versioning: true });
  });

  describe('signed links', () => {
    it('grants the object version until it expires', async () => {
      await storage.put('versioned-bucket', 'a/b c/京.jpg', Buffer.from('x'), { contentType: 'image/jpeg' });
      const url = await storage.presignedGetUrl('versioned-bucket', 'a/b c/京.jpg', 60, { versionId: 'v1' });
      expect(url.startsWith('http://127.0.0.1:3000/objects/versioned-bucket/a/b%20c/')).toBe(true);
      expect(verifySignedLink(url, signedLinks)).toMatchObject({
        bucket: 'versioned-bucket',
        key: 'a/b c/京.jpg',
        versionId: 'v1',
      });
      // The route sees the path and query only.
      const { pathname, search } = new URL(url);
      expect(verifySignedLink(`${pathname}${search}`, signedLinks).key).toBe('a/b c/京.jpg');
    });

    it('refuses an expired link', async () => {
      const url = await storage.presignedGetUrl('plain-bucket', 'k.jpg', 1);
      const later = new Date(Date.now() + 2_000);
      expect(() => verifySignedLink(url, signedLinks, later)).toThrow(
        expect.objectContaining({ name: 'SignedLinkError', reason: 'expired' }),
      );
    });

    it.each([
      ['another key', (url: URL) => (url.pathname = url.pathname.replace('k.jpg', 'other.jpg'))],
      [
        'a later expiry',
        (url: URL) => url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600)),
      ],
      ['another version', (url: URL) => url.searchParams.set('versionId', 'v2')],
      ['another signature', (url: URL) => url.searchParams.set('signature', 'A'.repeat(43))],
    ])('refuses a link tampered with: %s', async (_what, tamper) => {
      const url = new URL(await storage.presignedGetUrl('plain-bucket', 'k.jpg', 60));
      tamper(url);
      expect(() => verifySignedLink(url.toString(), signedLinks)).toThrow(
        expect.objectContaining({ reason: 'bad-signature' }),
      );
    });

    it('refuses a link signed with another secret, and a malformed one', async () => {
      const url = await storage.presignedGetUrl('plain-bucket', 'k.jpg', 60);
      expect(() => verifySignedLink(url, { ...signedLinks, secret: 'x'.repeat(40) })).toThrow(
        SignedLinkError,
      );
      expect(() => verifySignedLink('/objects/plain-bucket', signedLinks)).toThrow(
        expect.objectContaining({ reason: 'malformed' }),
      );
    });

    it('bounds the TTL', async () => {
      await expect(storage.presignedGetUrl('plain-bucket', 'k.jpg', 3601)).rejects.toMatchObject({
        code: 'invalid-argument',
      });
    });
  });

  it('streams a 200 MB object in and out without holding it in memory', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const chunks = 200;
    const size = chunks * chunk.length;
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const body = Readable.from(
        (function* () {
          for (let n = 0; n < chunks; n++) yield chunk;
        })(),
      );
      await storage.put('plain-bucket', 'video/big.mp4', body, { contentType: 'video/mp4' });
      let read = 0;
      for await (const part of await storage.get('plain-bucket', 'video/big.mp4'))
        read += (part as Buffer).length;
      expect(read).toBe(size);
    } finally {
      clearInterval(sample);
    }
    expect((await storage.stat('plain-bucket', 'video/big.mp4')).size).toBe(size);
    // Buffered whole, the object alone would add 200 MB; streaming stays far below that (the margin
    // absorbs allocator and GC noise in RSS on a busy machine).
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('leaves neither a partial object nor a temporary file when the body fails mid-way', async () => {
    const failing = Readable.from(
      (async function* () {
        yield Buffer.alloc(1000, 1);
        throw new Error('camera connection lost');
      })(),
    );
    await expect(
      storage.put('plain-bucket', 'video/broken.mp4', failing, { contentType: 'video/mp4' }),
    ).rejects.toMatchObject({ code: 'storage-error' });
    await expect(storage.stat('plain-bucket', 'video/broken.mp4')).rejects.toBeInstanceOf(
      ObjectNotFoundError,
    );
    expect(await readdir(join(roots[roots.length - 1]!, 'plain-bucket', 'tmp'))).toEqual([]);
  });

  it("removes a crash's leftover temporary files when the bucket is next opened, not a write in progress", async () => {
    const tmp = join(roots[roots.length - 1]!, 'plain-bucket', 'tmp');
    await writeFile(join(tmp, 'crashed'), 'half a segment');
    await utimes(
      join(tmp, 'crashed'),
      new Date(Date.now() - 25 * 3_600_000),
      new Date(Date.now() - 25 * 3_600_000),
    );
    await writeFile(join(tmp, 'in-progress'), 'being written');

    await storage.ensureBucket('plain-bucket');

    expect(await readdir(tmp)).toEqual(['in-progress']);
  });

  it('overwrites the only version of an unversioned bucket, returning versionId null', async () => {
    expect(
      await storage.put('plain-bucket', 'doc.txt', Buffer.from('one'), { contentType: 'text/plain' }),
    ).toMatchObject({
      versionId: null,
    });
    await storage.put('plain-bucket', 'doc.txt', Buffer.from('two'), { contentType: 'text/plain' });
    expect((await readAll(await storage.get('plain-bucket', 'doc.txt'))).toString()).toBe('two');
    await storage.remove('plain-bucket', 'doc.txt');
    await expect(storage.stat('plain-bucket', 'doc.txt')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('reads a byte range of a version, and refuses one outside the body', async () => {
    const first = await storage.put('versioned-bucket', 'range/clip.ts', Buffer.from('0123456789'), {
      contentType: 'video/mp2t',
    });
    await storage.put('versioned-bucket', 'range/clip.ts', Buffer.from('abcdefghij'), {
      contentType: 'video/mp2t',
    });
    const read = async (range: { start: number; end: number }, versionId?: string) =>
      (
        await readAll(
          await storage.get('versioned-bucket', 'range/clip.ts', {
            range,
            ...(versionId ? { versionId } : {}),
          }),
        )
      ).toString();
    expect(await read({ start: 2, end: 4 })).toBe('cde');
    expect(await read({ start: 0, end: 0 })).toBe('a');
    expect(await read({ start: 7, end: 1_000 })).toBe('hij');
    expect(await read({ start: 2, end: 4 }, first.versionId!)).toBe('234');
    for (const range of [
      { start: 10, end: 12 },
      { start: 5, end: 4 },
      { start: -1, end: 3 },
      { start: 0.5, end: 3 },
    ])
      await expect(storage.get('versioned-bucket', 'range/clip.ts', { range })).rejects.toMatchObject({
        code: 'invalid-argument',
      });
  });

  it('keeps keys that are prefixes of each other, and odd segments, apart', async () => {
    for (const key of ['a', 'a/b', 'a.obj/c', '../escape', 'x//y'])
      await storage.put('plain-bucket', `keys/${key}`, Buffer.from(key), { contentType: 'text/plain' });
    const listed: string[] = [];
    for await (const object of storage.list('plain-bucket', 'keys/')) listed.push(object.key);
    expect(listed).toEqual(['keys/../escape', 'keys/a', 'keys/a.obj/c', 'keys/a/b', 'keys/x//y']);
    expect((await readAll(await storage.get('plain-bucket', 'keys/../escape'))).toString()).toBe('../escape');
  });

  it('expires objects past their rule, as lifecycle would', async () => {
    await storage.put('versioned-bucket', 'tmp/old.bin', Buffer.from('old'), {
      contentType: 'application/octet-stream',
    });
    await storage.put('versioned-bucket', 'keep/old.bin', Buffer.from('old'), {
      contentType: 'application/octet-stream',
    });
    await storage.setExpiryDays('versioned-bucket', 'tmp/', 1);
    expect(await storage.applyExpiryRules('versioned-bucket', new Date())).toBe(0);
    expect(await storage.applyExpiryRules('versioned-bucket', new Date(Date.now() + 2 * 86_400_000))).toBe(1);
    await expect(storage.stat('versioned-bucket', 'tmp/old.bin')).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect((await storage.stat('versioned-bucket', 'keep/old.bin')).size).toBe(3);
  });

  it('rejects bad bucket names and keys with typed errors', async () => {
    await expect(storage.ensureBucket('../etc')).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(
      storage.put('plain-bucket', '', Buffer.from(''), { contentType: 'x' }),
    ).rejects.toMatchObject({
      code: 'invalid-object-key',
    });
  });
});
