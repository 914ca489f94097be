import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemObjectStorage, type ObjectStorage } from '@ecogate/storage';
import { createLogger } from '@ecogate/telemetry';
import { DEFAULT_EXPORT_CONFIG } from './export.config';
import { ExportJobEntity } from './export-job.entity';
import { type ExportJobStore } from './export-job.store';
import { type JobRunner, type RunOutcome } from './export-runner';
import { ExportWorker } from './export-worker';

const job = (id: string): ExportJobEntity => Object.assign(new ExportJobEntity(), { id, state: 'running' });

/** A store with `queued` jobs, recording what the worker asks of it. */
function fakeStore(queued: string[]) {
  const calls = { recovered: 0, released: [] as string[] };
  const store = {
    recoverOrphans: jest.fn(async () => {
      calls.recovered += 1;
      return { requeued: [], failed: [] };
    }),
    claim: jest.fn(async () => {
      const id = queued.shift();
      return id ? job(id) : undefined;
    }),
    release: jest.fn(async (id: string) => {
      calls.released.push(id);
    }),
  };
  return { store: store as unknown as ExportJobStore, calls };
}

/** A runner whose runs end when the test says (or when stopped). */
function heldRunner() {
  const running = new Map<string, (outcome: RunOutcome) => void>();
  const runner: JobRunner = {
    run: (claimed, _worker, signal) =>
      new Promise((resolve) => {
        running.set(claimed.id, resolve);
        signal.addEventListener('abort', () => resolve('stopped'));
      }),
  };
  return { runner, running };
}

const logger = createLogger({ service: 'test', level: 'silent' });
/** Any store but the filesystem's (MinIO's scanner expires files by itself). */
const storage = () => ({}) as unknown as ObjectStorage;
const config = { ...DEFAULT_EXPORT_CONFIG, concurrency: 2, pollIntervalMs: 10_000, sweepIntervalMs: 60_000 };

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('ExportWorker', () => {
  it('recovers orphans, runs up to `concurrency` jobs, and takes the next when one ends', async () => {
    const { store, calls } = fakeStore(['a', 'b', 'c']);
    const { runner, running } = heldRunner();
    const worker = new ExportWorker(store, runner, storage(), config, logger);
    worker.start();
    await until(() => worker.activeJobs.length === 2);
    expect(calls.recovered).toBe(1);
    expect(worker.activeJobs).toEqual(['a', 'b']);
    running.get('a')?.('done');
    await until(() => worker.activeJobs.includes('c'));
    expect(worker.activeJobs).toEqual(['b', 'c']);
    await worker.stop();
    // Stopped runs go back to the queue for a restart or another replica.
    expect(calls.released.sort()).toEqual(['b', 'c']);
    expect(worker.activeJobs).toEqual([]);
  });

  it('applies the bucket’s expiry rule on the filesystem store; MinIO does it by itself', async () => {
    const root = await mkdtemp(join(tmpdir(), 'export-sweep-'));
    try {
      const files = new FilesystemObjectStorage({
        root,
        signedLinks: { baseUrl: 'http://127.0.0.1:3000/objects', secret: 's'.repeat(32) },
      });
      await files.ensureBucket(config.bucket);
      await files.setExpiryDays(config.bucket, 'exports/', 1);
      await files.put(config.bucket, 'exports/ent-a/j1/f.xlsx', Buffer.from('x'), {
        contentType: 'text/plain',
      });
      const worker = new ExportWorker(fakeStore([]).store, heldRunner().runner, files, config, logger);
      expect(await worker.sweep(new Date())).toBe(0);
      expect(await worker.sweep(new Date(Date.now() + 2 * 86_400_000))).toBe(1);
      await expect(files.stat(config.bucket, 'exports/ent-a/j1/f.xlsx')).rejects.toThrow();
      const onMinio = new ExportWorker(fakeStore([]).store, heldRunner().runner, storage(), config, logger);
      expect(await onMinio.sweep(new Date(Date.now() + 2 * 86_400_000))).toBe(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('does nothing once stopped', async () => {
    const { store } = fakeStore(['a']);
    const worker = new ExportWorker(store, heldRunner().runner, storage(), config, logger);
    await worker.stop();
    worker.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.claim).not.toHaveBeenCalled();
  });
});
