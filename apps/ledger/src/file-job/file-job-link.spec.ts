import { type ObjectStorage } from '@ecogate/storage';
import { fileJobLink } from './file-job-link';

const now = new Date('2026-01-01T00:00:00Z');
const config = { bucket: 'exports', urlTtlSeconds: 300 };
const inSeconds = (seconds: number): Date => new Date(now.getTime() + seconds * 1000);

/** Storage whose links name the object and the lifetime asked for. */
function signingStorage() {
  const presignedGetUrl = jest.fn(
    async (bucket: string, key: string, ttl: number) => `https://objects/${bucket}/${key}?ttl=${ttl}`,
  );
  return { storage: { presignedGetUrl } as unknown as ObjectStorage, presignedGetUrl };
}

describe('fileJobLink', () => {
  it('links a done job’s file for the configured lifetime', async () => {
    const { storage } = signingStorage();
    const job = { state: 'done' as const, objectKey: 'a/f.zip', expiresAt: inSeconds(86_400) };
    expect(await fileJobLink(job, storage, config, now)).toEqual({
      url: 'https://objects/exports/a/f.zip?ttl=300',
      expiresAt: inSeconds(300),
    });
  });

  it('never outlives the file (at least one second)', async () => {
    const { storage } = signingStorage();
    const soon = { state: 'done' as const, objectKey: 'a/f.zip', expiresAt: inSeconds(90.5) };
    expect(await fileJobLink(soon, storage, config, now)).toEqual({
      url: 'https://objects/exports/a/f.zip?ttl=90',
      expiresAt: inSeconds(90),
    });
    const almostGone = { ...soon, expiresAt: inSeconds(0.2) };
    expect((await fileJobLink(almostGone, storage, config, now))?.expiresAt).toEqual(inSeconds(1));
  });

  it('gives none without a kept file', async () => {
    const { storage, presignedGetUrl } = signingStorage();
    const done = { state: 'done' as const, objectKey: 'a/f.zip', expiresAt: inSeconds(60) };
    for (const job of [
      { ...done, state: 'running' as const },
      { ...done, state: 'failed' as const },
      { ...done, objectKey: null },
      { ...done, expiresAt: null },
      { ...done, expiresAt: now },
    ])
      expect(await fileJobLink(job, storage, config, now)).toBeUndefined();
    expect(presignedGetUrl).not.toHaveBeenCalled();
  });
});
