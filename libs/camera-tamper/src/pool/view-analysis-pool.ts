import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ViewSignatureError } from '../assess-view';
import { TamperImageError } from '../image/grey-frame';
import { type TamperThresholds } from '../thresholds';
import { type ViewAssessment, type ViewSignature } from '../types';
import {
  type AnalysisJob,
  type AnalysisResult,
  type FromAnalysisWorker,
  type ToAnalysisWorker,
} from './analysis-protocol';

export interface ViewAnalysisPoolOptions {
  /** Worker threads, each running one analysis at a time. */
  readonly workers: number;
  /** Jobs allowed to wait for a worker; one more is refused at once (`overloaded`). */
  readonly queueLimit: number;
  /** A job running longer is abandoned and its worker replaced (a guard against a hang). */
  readonly jobTimeoutMs: number;
  /** pino-style; the pool logs replaced and failing workers. */
  readonly logger?: PoolLogger;
  /** Another script speaking the same protocol (tests' stubs). */
  readonly workerScript?: string;
}

export interface PoolLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export type PoolRefusal = 'overloaded' | 'timed-out' | 'worker-failed' | 'closed';

/** The pool could not run an analysis (not a verdict on the image: those keep the lib's own errors). */
export class ViewAnalysisPoolError extends Error {
  constructor(
    readonly reason: PoolRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'ViewAnalysisPoolError';
  }
}

interface Job {
  readonly id: number;
  readonly job: AnalysisJob;
  readonly resolve: (result: AnalysisResult) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  replaced?: boolean;
}

const MAX_CONSECUTIVE_START_FAILURES = 3;

/**
 * `viewSignature`, `assessView` and `frameFingerprint` in worker threads, so their pixel loops do
 * not hold the caller's event loop. A fixed set of workers behind a bounded FIFO queue: when it is
 * full the caller is refused at once, so memory stays bounded by (workers + queueLimit) × frame.
 */
export class ViewAnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private gaveUp = false;
  private startFailures = 0;

  private constructor(private readonly options: ViewAnalysisPoolOptions) {}

  /** Starts every worker; resolves once all are ready. */
  static async start(options: ViewAnalysisPoolOptions): Promise<ViewAnalysisPool> {
    const pool = new ViewAnalysisPool(options);
    try {
      await Promise.all(Array.from({ length: options.workers }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  signature(image: Uint8Array): Promise<ViewSignature> {
    return this.run({ op: 'signature', image }) as Promise<ViewSignature>;
  }

  assess(
    reference: ViewSignature,
    image: Uint8Array,
    thresholds?: Partial<TamperThresholds>,
  ): Promise<ViewAssessment> {
    return this.run({ op: 'assess', reference, image, thresholds }) as Promise<ViewAssessment>;
  }

  fingerprint(image: Uint8Array): Promise<string> {
    return this.run({ op: 'fingerprint', image }) as Promise<string>;
  }

  stats(): { workers: number; ready: number; busy: number; queued: number } {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
    };
  }

  /** Refuses what waits or runs, and ends every worker (no thread is left behind). */
  async close(): Promise<void> {
    this.closed = true;
    const closing = () => new ViewAnalysisPoolError('closed', 'the view analysis pool is closing');
    for (const job of this.queue.splice(0)) job.reject(closing());
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        clearTimeout(slot.timer);
        slot.job?.reject(closing());
        await slot.worker.terminate();
      }),
    );
  }

  private run(job: AnalysisJob): Promise<AnalysisResult> {
    if (this.closed) return refused('closed', 'the view analysis pool is closed');
    if (this.gaveUp) return refused('worker-failed', 'no view analysis worker is running');
    const idle = this.slots.find((s) => s.ready && !s.job);
    if (!idle && this.queue.length >= this.options.queueLimit) {
      return refused('overloaded', `the view analysis queue is full (${this.options.queueLimit} waiting)`);
    }
    return new Promise<AnalysisResult>((resolve, reject) => {
      const queued: Job = { id: this.nextId++, job, resolve, reject };
      if (idle) this.dispatch(idle, queued);
      else this.queue.push(queued);
    });
  }

  private spawn(): Promise<void> {
    const [entry, isEval] = workerEntry(this.options.workerScript ?? defaultWorkerScript());
    const worker = new Worker(entry, { eval: isEval, stdout: false, stderr: false });
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromAnalysisWorker) => {
        switch (message.type) {
          case 'ready':
            slot.ready = true;
            this.startFailures = 0;
            resolve();
            this.drain(slot);
            return;
          case 'result':
            this.finish(slot, message.id, (job) => job.resolve(message.result));
            return;
          case 'failed':
            this.finish(slot, message.id, (job) => job.reject(rebuilt(message.name, message.message)));
            return;
        }
      });
      worker.on('error', (error) => {
        this.options.logger?.error(
          { err: error.message, threadId: worker.threadId },
          'view analysis worker error',
        );
        reject(error);
      });
      worker.on('exit', (code) => {
        this.onExit(slot, code);
        reject(new Error(`view analysis worker exited with code ${code} before it was ready`));
      });
    });
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => this.timeOut(slot), this.options.jobTimeoutMs);
    // The worker gets a copy it owns (transferred); the caller keeps its bytes.
    const image = new Uint8Array(job.job.image);
    const message: ToAnalysisWorker = { id: job.id, job: { ...job.job, image } };
    slot.worker.postMessage(message, [image.buffer]);
  }

  private finish(slot: Slot, id: number, settle: (job: Job) => void): void {
    if (slot.job?.id !== id) return;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    settle(job);
    this.drain(slot);
  }

  private drain(slot: Slot): void {
    const next = slot.ready && !slot.job ? this.queue.shift() : undefined;
    if (next) this.dispatch(slot, next);
  }

  private timeOut(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    this.options.logger?.warn(
      { op: job.job.op, timeoutMs: this.options.jobTimeoutMs },
      'view analysis timed out; replacing its worker',
    );
    slot.job = undefined;
    // Out of service at once: nothing more is sent to a worker being terminated.
    slot.ready = false;
    slot.replaced = true;
    job.reject(
      new ViewAnalysisPoolError('timed-out', `the view analysis took over ${this.options.jobTimeoutMs} ms`),
    );
    void slot.worker.terminate();
  }

  private onExit(slot: Slot, code: number): void {
    clearTimeout(slot.timer);
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // closed
    this.slots.splice(index, 1);
    slot.job?.reject(new ViewAnalysisPoolError('worker-failed', `the view analysis worker exited (${code})`));
    if (this.closed) return;
    if (!slot.ready && !slot.replaced) this.startFailures++;
    if (this.startFailures >= MAX_CONSECUTIVE_START_FAILURES) {
      this.options.logger?.error(
        { failures: this.startFailures },
        'view analysis workers keep failing to start',
      );
      if (this.slots.length === 0) {
        this.gaveUp = true;
        for (const job of this.queue.splice(0))
          job.reject(new ViewAnalysisPoolError('worker-failed', 'no view analysis worker is running'));
      }
      return;
    }
    this.options.logger?.warn({ code }, 'view analysis worker exited; starting a replacement');
    this.spawn().catch(() => undefined); // its failure is logged and counted by its own exit
  }
}

const refused = (reason: PoolRefusal, message: string) =>
  Promise.reject(new ViewAnalysisPoolError(reason, message));

/** The lib's typed errors keep their type across the thread boundary (callers tell a bad image by it). */
function rebuilt(name: string, message: string): Error {
  if (name === 'TamperImageError') return new TamperImageError(message);
  if (name === 'ViewSignatureError') return new ViewSignatureError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}

/** The worker sits next to this file: `.ts` when run from source (Jest, tsx), `.js` once bundled beside main.js. */
function defaultWorkerScript(): string {
  const js = join(__dirname, 'view-analysis.worker.js');
  return existsSync(js) ? js : join(__dirname, 'view-analysis.worker.ts');
}

/** A TypeScript worker needs tsx's require hook inside its thread (Node 20 ignores `--import` in a worker's execArgv). */
function workerEntry(script: string): [string, boolean] {
  if (!script.endsWith('.ts')) return [script, false];
  const tsx = require.resolve('tsx/cjs/api');
  return [`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(script)});`, true];
}
