import { join } from 'node:path';
import { assessView, frameFingerprint, TamperImageError, viewSignature, ViewSignatureError } from '../index';
import { footageFrame, referenceFrame, syntheticScene } from '../testing';
import { ViewAnalysisPool, ViewAnalysisPoolError, type ViewAnalysisPoolOptions } from './view-analysis-pool';

const STUB = join(__dirname, '..', 'testing', 'stub-analysis.worker.ts');

const options = (overrides: Partial<ViewAnalysisPoolOptions> = {}): ViewAnalysisPoolOptions => ({
  workers: 1,
  queueLimit: 8,
  jobTimeoutMs: 30_000,
  ...overrides,
});

describe('ViewAnalysisPool with the real worker', () => {
  let pool: ViewAnalysisPool;
  let scene: Buffer;

  beforeAll(async () => {
    pool = await ViewAnalysisPool.start(options({ workers: 2 }));
    scene = await syntheticScene();
  });

  afterAll(async () => {
    await pool.close();
  });

  it('answers what the functions answer in this thread, frame by frame', async () => {
    const commissioned = await referenceFrame(scene);
    const reference = await viewSignature(commissioned);
    expect(await pool.signature(commissioned)).toEqual(reference);
    for (const variant of ['day', 'night', 'covered-cloth', 'shifted', 'blurred'] as const) {
      const frame = (await footageFrame(scene, variant, 1)).image;
      const [assessed, fingerprint] = await Promise.all([
        pool.assess(reference, frame),
        pool.fingerprint(frame),
      ]);
      expect({ variant, assessed, fingerprint }).toEqual({
        variant,
        assessed: await assessView(reference, frame),
        fingerprint: await frameFingerprint(frame),
      });
    }
  });

  it("keeps the lib's typed errors across the thread", async () => {
    await expect(pool.signature(Buffer.from('not an image'))).rejects.toBeInstanceOf(TamperImageError);
    const reference = await viewSignature(await referenceFrame(scene));
    await expect(
      pool.assess({ ...reference, edges: 'AAAA' }, await referenceFrame(scene)),
    ).rejects.toBeInstanceOf(ViewSignatureError);
  });

  it("leaves the caller's bytes intact (the worker gets a copy)", async () => {
    const frame = await referenceFrame(scene);
    const copy = Buffer.from(frame);
    await pool.fingerprint(frame);
    expect(frame.equals(copy)).toBe(true);
  });
});

describe('ViewAnalysisPool failure handling (stub worker)', () => {
  const job = (...bytes: number[]) => Uint8Array.from(bytes);

  it('refuses at once past its queue: one running, one queued, the rest overloaded', async () => {
    const pool = await ViewAnalysisPool.start(options({ workerScript: STUB, queueLimit: 1 }));
    try {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 4 }, () => pool.fingerprint(job(9, 50))),
      );
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : reasonOf(o.reason)))).toEqual([
        'fingerprint:2',
        'fingerprint:2',
        'overloaded',
        'overloaded',
      ]);
      expect(pool.stats()).toEqual({ workers: 1, ready: 1, busy: 0, queued: 0 });
    } finally {
      await pool.close();
    }
  });

  it('times a hung job out, replaces its worker, and the queue goes on with the new one', async () => {
    const pool = await ViewAnalysisPool.start(options({ workerScript: STUB, jobTimeoutMs: 1_000 }));
    try {
      const hung = pool.fingerprint(job(0));
      const next = pool.signature(job(9));
      await expect(hung).rejects.toMatchObject({ reason: 'timed-out' });
      await expect(next).resolves.toBe('signature:1');
    } finally {
      await pool.close();
    }
  });

  it('fails the job of a worker that dies, and carries on with a new one', async () => {
    const pool = await ViewAnalysisPool.start(options({ workerScript: STUB }));
    try {
      await expect(pool.fingerprint(job(1))).rejects.toMatchObject({ reason: 'worker-failed' });
      await expect(pool.fingerprint(job(9))).resolves.toBe('fingerprint:1');
      await expect(pool.fingerprint(job(2))).rejects.toBeInstanceOf(TamperImageError);
    } finally {
      await pool.close();
    }
  });

  it('refuses what waits on close, and anything after', async () => {
    const pool = await ViewAnalysisPool.start(options({ workerScript: STUB }));
    const running = expect(pool.fingerprint(job(0))).rejects.toMatchObject({ reason: 'closed' });
    const waiting = expect(pool.fingerprint(job(9))).rejects.toMatchObject({ reason: 'closed' });
    await pool.close();
    await running;
    await waiting;
    await expect(pool.fingerprint(job(9))).rejects.toBeInstanceOf(ViewAnalysisPoolError);
    expect(pool.stats().workers).toBe(0);
  });

  it('fails its start when the worker script cannot load', async () => {
    await expect(
      ViewAnalysisPool.start(options({ workerScript: join(__dirname, 'missing.worker.js') })),
    ).rejects.toThrow(/Cannot find module/);
  });
});

const reasonOf = (error: unknown) => (error instanceof ViewAnalysisPoolError ? error.reason : String(error));
