import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type LprLogger } from '../engine/lpr-logger';
import { type PipelineOutcome } from '../recognition/plate-candidate';
import { type PipelineMode } from '../recognition/plate-pipeline';
import { type PipelineRunner } from '../recognition/plate-reader';
import { type FromWorker, type ToWorker, type WorkerInit } from './worker-protocol';

/** `I`: what each worker is started with; the plate worker's `WorkerInit` unless another script is named. */
export interface PoolOptions<I = WorkerInit> {
  /** Worker threads, each with its own engine. */
  readonly workers: number;
  /** Requests allowed to wait for a worker; one more is answered `overloaded` at once. */
  readonly queueLimit: number;
  /** A job running longer is abandoned and its worker replaced (a guard against hangs). */
  readonly jobTimeoutMs: number;
  /** V8 heap limit per worker, in MiB (pixel buffers are capped by the pixel limit instead). */
  readonly workerHeapMb: number;
  readonly init: I;
  readonly logger: LprLogger;
  /** Another worker script speaking the same protocol (tests' stubs, the document readers). */
  readonly workerScript?: string;
}

export interface PoolStats {
  readonly workers: number;
  readonly ready: number;
  readonly busy: number;
  readonly queued: number;
  readonly queueLimit: number;
}

type PlateOutcome = Awaited<ReturnType<PipelineRunner['run']>>;
/** What the pool itself answers when a job cannot run (a plate runner's refusals). */
export type PoolRefusal = Exclude<PlateOutcome, PipelineOutcome>;

interface Job<Outcome> {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly mode: PipelineMode;
  readonly resolve: (outcome: Outcome) => void;
}

interface Slot<Outcome> {
  worker: Worker;
  ready: boolean;
  job?: Job<Outcome>;
  timer?: NodeJS.Timeout;
  timedOut?: boolean;
}

const MAX_CONSECUTIVE_START_FAILURES = 3;

/**
 * A fixed set of worker threads behind a bounded FIFO queue. Back-pressure is explicit: when
 * the queue is full the caller gets `overloaded` immediately, so memory stays bounded by
 * (workers + queueLimit) × request size whatever the load. `O` is what the worker script answers
 * (the plate pipeline's outcome by default); the pool adds its own refusals to it.
 */
export class RecognitionPool<O = PipelineOutcome, I = WorkerInit> {
  private readonly slots: Slot<O | PoolRefusal>[] = [];
  private readonly queue: Job<O | PoolRefusal>[] = [];
  private nextId = 1;
  private closed = false;
  private gaveUp = false;
  private startFailures = 0;

  private constructor(private readonly options: PoolOptions<I>) {}

  /** Starts every worker and resolves once all have loaded and warmed up their models. */
  static async start<O = PipelineOutcome, I = WorkerInit>(
    options: PoolOptions<I>,
  ): Promise<RecognitionPool<O, I>> {
    const pool = new RecognitionPool<O, I>(options);
    try {
      await Promise.all(Array.from({ length: options.workers }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  run(bytes: Uint8Array, mode: PipelineMode = 'scene'): Promise<O | PoolRefusal> {
    if (this.closed) return Promise.resolve({ kind: 'failed', message: 'the recognition pool is closed' });
    if (this.gaveUp) return Promise.resolve({ kind: 'failed', message: 'no recognition worker is running' });
    const idle = this.slots.find((s) => s.ready && !s.job);
    if (!idle && this.queue.length >= this.options.queueLimit) {
      return Promise.resolve({ kind: 'overloaded', queueLimit: this.options.queueLimit });
    }
    return new Promise<O | PoolRefusal>((resolve) => {
      const job: Job<O | PoolRefusal> = { id: this.nextId++, bytes, mode, resolve };
      if (idle) this.dispatch(idle, job);
      else this.queue.push(job);
    });
  }

  stats(): PoolStats {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      queueLimit: this.options.queueLimit,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.resolve({ kind: 'failed', message: 'the recognition pool is closing' });
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        clearTimeout(slot.timer);
        slot.job?.resolve({ kind: 'failed', message: 'the recognition pool is closing' });
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Promise<void> {
    const [entry, { eval: isEval }] = workerEntry(this.options.workerScript ?? defaultWorkerScript());
    const worker = new Worker(entry, {
      eval: isEval,
      workerData: this.options.init,
      resourceLimits: { maxOldGenerationSizeMb: this.options.workerHeapMb },
      stdout: false,
      stderr: false,
    });
    const slot: Slot<O | PoolRefusal> = { worker, ready: false };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker<O>) => {
        switch (message.type) {
          case 'ready':
            slot.ready = true;
            this.startFailures = 0;
            this.options.logger.info(
              { warmUpMs: Math.round(message.warmUpMs), threadId: worker.threadId },
              'recognition worker ready',
            );
            resolve();
            this.drain(slot);
            return;
          case 'init-failed':
            reject(new Error(`recognition worker failed to start: ${message.message}`));
            void worker.terminate();
            return;
          case 'log':
            this.options.logger[message.level](
              { ...message.fields, threadId: worker.threadId },
              message.message,
            );
            return;
          case 'result':
          case 'crashed':
            this.finish(
              slot,
              message.id,
              message.type === 'result' ? message.outcome : { kind: 'failed', message: message.message },
            );
            return;
        }
      });
      worker.on('error', (error) => {
        this.options.logger.error(
          { err: error.message, threadId: worker.threadId },
          'recognition worker error',
        );
        reject(error);
      });
      worker.on('exit', (code) => this.onExit(slot, code));
    });
  }

  private dispatch(slot: Slot<O | PoolRefusal>, job: Job<O | PoolRefusal>): void {
    slot.job = job;
    slot.timer = setTimeout(() => this.timeOut(slot), this.options.jobTimeoutMs);
    // Copy into a buffer of its own and transfer it: the caller keeps its bytes, the worker owns this copy.
    const copy = new Uint8Array(job.bytes);
    const message: ToWorker = { type: 'run', id: job.id, bytes: copy, mode: job.mode };
    slot.worker.postMessage(message, [copy.buffer]);
  }

  private finish(slot: Slot<O | PoolRefusal>, id: number, outcome: O | PoolRefusal): void {
    if (slot.job?.id !== id) return;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job.resolve(outcome);
    this.drain(slot);
  }

  private drain(slot: Slot<O | PoolRefusal>): void {
    const next = slot.ready && !slot.job ? this.queue.shift() : undefined;
    if (next) this.dispatch(slot, next);
  }

  private timeOut(slot: Slot<O | PoolRefusal>): void {
    const job = slot.job;
    if (!job) return;
    this.options.logger.warn(
      { jobId: job.id, timeoutMs: this.options.jobTimeoutMs },
      'recognition job timed out; replacing its worker',
    );
    slot.job = undefined;
    // Out of service at once: the queue must not be dispatched to a worker being terminated.
    slot.ready = false;
    slot.timedOut = true;
    job.resolve({ kind: 'timed-out', timeoutMs: this.options.jobTimeoutMs });
    void slot.worker.terminate();
  }

  private onExit(slot: Slot<O | PoolRefusal>, code: number): void {
    clearTimeout(slot.timer);
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // closed
    this.slots.splice(index, 1);
    slot.job?.resolve({ kind: 'failed', message: `recognition worker exited with code ${code}` });
    if (this.closed) return;
    if (!slot.ready && !slot.timedOut) this.startFailures++;
    if (this.startFailures >= MAX_CONSECUTIVE_START_FAILURES) {
      this.options.logger.error(
        { failures: this.startFailures },
        'recognition workers keep failing to start; giving up',
      );
      if (this.slots.length === 0) {
        this.gaveUp = true;
        for (const job of this.queue.splice(0))
          job.resolve({ kind: 'failed', message: 'no recognition worker is running' });
      }
      return;
    }
    this.options.logger.warn({ code }, 'recognition worker exited; starting a replacement');
    this.spawn().catch((error: unknown) =>
      this.options.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'replacement worker failed',
      ),
    );
  }
}

/** The worker sits next to this file: `.ts` when run from source (Jest, tsx), `.js` once compiled. */
function defaultWorkerScript(): string {
  const js = join(__dirname, 'recognition.worker.js');
  return existsSync(js) ? js : join(__dirname, 'recognition.worker.ts');
}

/**
 * A TypeScript worker (run from source) needs a loader inside its thread: a tiny CommonJS
 * bootstrap registers tsx's require hook, then loads the script. (`--import tsx` in a worker's
 * execArgv is not honoured by Node 20.)
 */
function workerEntry(script: string): [string, { eval: boolean }] {
  if (!script.endsWith('.ts')) return [script, { eval: false }];
  const tsx = require.resolve('tsx/cjs/api');
  // The lib's tsconfig maps the `@ecogate/*` paths the worker's imports use.
  const tsconfig = join(__dirname, '..', '..', 'tsconfig.json');
  return [
    `process.env.TSX_TSCONFIG_PATH = ${JSON.stringify(tsconfig)}; require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(script)});`,
    { eval: true },
  ];
}
