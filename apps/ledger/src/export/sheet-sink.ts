import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type ChainRootsSheetSpec } from './chain-roots-sheet';
import { type ExportLedger } from './export-job.entity';
import { sheetCells, sheetLayout, type SourceOf } from './export-rows';
import { LedgerSheetWriter } from './ledger-sheet-writer';

/** What a sheet is written from: the ledger, whether it holds several enterprises, where it goes. */
export interface SheetSpec {
  readonly file: string;
  readonly ledger: ExportLedger;
  readonly severalEnterprises: boolean;
  readonly maxRowsPerSheet: number;
  /** The period's signed chain roots, written as a last sheet (passages, with a signing key). */
  readonly chainRoots?: ChainRootsSheetSpec;
}

/**
 * Where a run's rows go: pages of source rows in, an `.xlsx` out. `write` may return before the
 * page is on disk (a thread works on it); `written` counts what is.
 */
export interface SheetSink {
  /** Resolves when the sink takes another page: read a page only then, so none waits in memory here. */
  ready(): Promise<void>;
  write(rows: readonly SourceOf[ExportLedger][], enterpriseId?: string): Promise<void>;
  readonly written: number;
  close(): Promise<{ rows: number; sheets: number }>;
  abort(): Promise<void>;
}

/** Writes pages through the domain's row mapping into a `LedgerSheetWriter`. */
export class SheetWriterSink implements SheetSink {
  private readonly writer: LedgerSheetWriter;

  constructor(private readonly spec: SheetSpec) {
    this.writer = LedgerSheetWriter.create(spec.file, sheetLayout(spec.ledger, spec.severalEnterprises), {
      maxRowsPerSheet: spec.maxRowsPerSheet,
    });
  }

  get written(): number {
    return this.writer.rowCount;
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  async write(rows: readonly SourceOf[ExportLedger][], enterpriseId?: string): Promise<void> {
    for (const row of rows) await this.writer.add(sheetCells(this.spec.ledger, row, enterpriseId));
  }

  close(): Promise<{ rows: number; sheets: number }> {
    return this.writer.close(this.spec.chainRoots);
  }

  abort(): Promise<void> {
    return this.writer.abort();
  }
}

/** Messages to a sheet thread, and its answers. */
export type ToSheetThread =
  | {
      readonly type: 'page';
      readonly rows: readonly SourceOf[ExportLedger][];
      readonly enterpriseId?: string;
    }
  | { readonly type: 'close' };
export type FromSheetThread =
  | { readonly type: 'written'; readonly rows: number }
  | { readonly type: 'closed'; readonly rows: number; readonly sheets: number }
  | { readonly type: 'failed'; readonly message: string; readonly stack?: string };

const REPO_ROOT = resolve(__dirname, '../../../..');
/**
 * The thread's script sits next to this file: `sheet-thread.js` in the production build (an entry
 * of its own there, plain JavaScript). From source it is TypeScript, run through tsx's CommonJS
 * hook (found from here, whatever the working directory), whatever the process was started with
 * (`node --import tsx` does not reach worker threads on Node 20, nor does a test runner's
 * transform); `TSX_TSCONFIG_PATH` gives it the `@ecogate/*` paths. Looked up when a thread starts:
 * the build has no tsx to resolve.
 */
function threadEntry(): { readonly script: string; readonly execArgv: string[] } {
  const built = join(__dirname, 'sheet-thread.js');
  if (existsSync(built)) return { script: built, execArgv: [] };
  return { script: join(__dirname, 'sheet-thread.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}
/**
 * The thread's heap: bounded, so a long export's garbage is collected as it goes instead of
 * growing the process (V8 lets a roomy heap fill up before it compacts). Plenty for what it holds:
 * exceljs, the domain, the pages queued (`PAGES_IN_FLIGHT`) and 1 MiB of the zip's input.
 */
export const SHEET_THREAD_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } as const;
/** Pages queued in the thread: it formats them while the service reads the next one. */
const PAGES_IN_FLIGHT = 4;

/**
 * A `SheetSink` in a worker thread of the ledger process: mapping and formatting rows (most of an
 * export's CPU) run there, off the service's event loop (the intake and the API keep their
 * latency), in a heap of their own that stays small. The database reads, the job's state and the
 * upload stay in the service; pages cross as structured clones.
 */
export class SheetThreadSink implements SheetSink {
  private readonly thread: Worker;
  private inFlight = 0;
  private rows = 0;
  private failure: Error | undefined;
  private readonly waiting: (() => void)[] = [];
  private readonly closing: {
    promise: Promise<{ rows: number; sheets: number }>;
    resolve: (result: { rows: number; sheets: number }) => void;
    reject: (error: Error) => void;
  };

  constructor(spec: SheetSpec) {
    const { script, execArgv } = threadEntry();
    this.thread = new Worker(script, {
      workerData: spec,
      execArgv,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: process.env['TSX_TSCONFIG_PATH'] ?? join(REPO_ROOT, 'tsconfig.base.json'),
      },
      resourceLimits: SHEET_THREAD_LIMITS,
      stdout: false,
    });
    let resolve!: (result: { rows: number; sheets: number }) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<{ rows: number; sheets: number }>((done, fail) => {
      resolve = done;
      reject = fail;
    });
    promise.catch(() => undefined); // seen by `close`, if it is ever called
    this.closing = { promise, resolve, reject };
    this.thread.on('message', (message: FromSheetThread) => this.receive(message));
    this.thread.on('error', (error) => this.fail(error));
    // Its messages are delivered before its exit: after `closed`, this changes nothing.
    this.thread.on('exit', (code) => this.fail(new Error(`the sheet thread ended (exit code ${code})`)));
  }

  get written(): number {
    return this.rows;
  }

  async ready(): Promise<void> {
    while (this.inFlight >= PAGES_IN_FLIGHT && !this.failure)
      await new Promise<void>((r) => this.waiting.push(r));
    if (this.failure) throw this.failure;
  }

  /** Hands the page over at once (a copy goes to the thread); `ready` first keeps the queue short. */
  write(rows: readonly SourceOf[ExportLedger][], enterpriseId?: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.inFlight += 1;
    this.post({ type: 'page', rows, ...(enterpriseId === undefined ? {} : { enterpriseId }) });
    return Promise.resolve();
  }

  close(): Promise<{ rows: number; sheets: number }> {
    if (this.failure) return Promise.reject(this.failure);
    this.post({ type: 'close' });
    return this.closing.promise;
  }

  async abort(): Promise<void> {
    await this.thread.terminate();
  }

  private post(message: ToSheetThread): void {
    this.thread.postMessage(message);
  }

  private receive(message: FromSheetThread): void {
    switch (message.type) {
      case 'written':
        this.inFlight -= 1;
        this.rows += message.rows;
        this.waiting.shift()?.();
        return;
      case 'closed':
        this.closing.resolve({ rows: message.rows, sheets: message.sheets });
        return;
      case 'failed': {
        const error = new Error(`sheet thread: ${message.message}`);
        if (message.stack) error.stack = message.stack;
        this.fail(error);
        return;
      }
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.closing.reject(this.failure);
    for (const wake of this.waiting.splice(0)) wake();
  }
}
