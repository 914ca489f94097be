import { join } from 'node:path';
import { testConfig } from '../testing/engine-fixture';
import { sceneBytes } from '../testing/sample-files';
import { silentLogger } from '../engine/lpr-logger';
import { type PoolOptions, RecognitionPool } from './recognition-pool';

const STUB = join(__dirname, '..', 'testing', 'stub.worker.ts');

function options(overrides: Partial<PoolOptions> = {}): PoolOptions {
  const config = testConfig();
  return {
    workers: 1,
    queueLimit: 1,
    jobTimeoutMs: 20_000,
    workerHeapMb: 128,
    init: { engine: config.engine, pipeline: config.pipeline, sharpConcurrency: 1 },
    logger: silentLogger,
    ...overrides,
  };
}

const job = (...bytes: number[]) => Uint8Array.from(bytes);

describe('RecognitionPool with the real worker', () => {
  let pool: RecognitionPool;

  beforeAll(async () => {
    pool = await RecognitionPool.start(options());
  });

  afterAll(async () => {
    await pool.close();
  });

  it('reads in a worker thread', async () => {
    const outcome = await pool.run(sceneBytes('double_yellow.jpg'));
    expect(outcome.kind === 'read' && outcome.candidates.map((c) => c.text)).toEqual(['京EA5331']);
  });

  it('pushes back: one running, one queued, the rest overloaded at once', async () => {
    const image = sceneBytes('double_yellow.jpg');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => pool.run(image)));
    expect(outcomes.map((o) => o.kind)).toEqual(['read', 'read', 'overloaded', 'overloaded', 'overloaded']);
    expect(outcomes[2]).toEqual({ kind: 'overloaded', queueLimit: 1 });
    expect(pool.stats()).toMatchObject({ workers: 1, ready: 1, busy: 0, queued: 0 });
  });

  it('keeps the caller’s bytes intact (the worker gets a copy)', async () => {
    const image = sceneBytes('double_yellow.jpg');
    await pool.run(image);
    expect(image.length).toBeGreaterThan(0);
  });
});

describe('RecognitionPool failure handling (stub worker)', () => {
  it('times a hung job out and replaces its worker', async () => {
    // Long enough that the replacement's answer is never late on a loaded machine.
    const pool = await RecognitionPool.start(options({ workerScript: STUB, jobTimeoutMs: 2_000 }));
    try {
      expect(await pool.run(job(0))).toEqual({ kind: 'timed-out', timeoutMs: 2_000 });
      // The queue waits for the replacement, which then answers.
      expect((await pool.run(job(9))).kind).toBe('unreadable-image');
    } finally {
      await pool.close();
    }
  });

  it('answers failed when a worker dies, and carries on with a new one', async () => {
    const pool = await RecognitionPool.start(options({ workerScript: STUB }));
    try {
      expect(await pool.run(job(1))).toMatchObject({ kind: 'failed' });
      await expectEventually(() => pool.stats().ready === 1);
      expect(await pool.run(job(2))).toEqual({ kind: 'failed', message: 'stub threw' });
      expect((await pool.run(job(9), 'crop')).kind).toBe('unreadable-image');
    } finally {
      await pool.close();
    }
  });

  it('queues in order and reports its depth', async () => {
    const pool = await RecognitionPool.start(options({ workerScript: STUB, queueLimit: 2 }));
    try {
      const first = pool.run(job(9, 50));
      const second = pool.run(job(9));
      expect(pool.stats()).toMatchObject({ busy: 1, queued: 1, queueLimit: 2 });
      await Promise.all([first, second]);
      expect(pool.stats()).toMatchObject({ busy: 0, queued: 0 });
    } finally {
      await pool.close();
    }
  });

  it('fails its start when a worker cannot load its models', async () => {
    const config = testConfig();
    await expect(
      RecognitionPool.start(
        options({
          init: {
            engine: { ...config.engine, modelDir: '/nonexistent' },
            pipeline: config.pipeline,
            sharpConcurrency: 1,
          },
        }),
      ),
    ).rejects.toThrow(/failed to start.*ENOENT/);
  });

  it('fails pending work on close, and anything after', async () => {
    const pool = await RecognitionPool.start(options({ workerScript: STUB }));
    const pending = pool.run(job(0));
    await pool.close();
    expect(await pending).toMatchObject({ kind: 'failed' });
    expect(await pool.run(job(9))).toMatchObject({ kind: 'failed' });
  });
});

async function expectEventually(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
