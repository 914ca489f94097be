import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { formatLedgerTimestamp } from '@ecogate/domain';
import { type DataSource, parseEnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { type ExportConfig } from './export.config';
import { type ExportFailure } from './export.exception';
import { type ExportJobEntity, type ExportLedger, SEVERAL_ENTERPRISES } from './export-job.entity';
import { type ExportJobStore } from './export-job.store';
import { type SourceOf } from './export-rows';
import { exportChainRoots } from './export-chain-roots';
import { type ExportSource, exportSources } from './export-sources';
import { type SheetSink, type SheetSpec, SheetThreadSink } from './sheet-sink';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows per database page (one keyset query each, one message to the sheet thread). */
const PAGE_SIZE = 1_000;
/** Rows between two progress writes (which also keep the claim alive). */
export const PROGRESS_EVERY_ROWS = 1_000;

export type RunOutcome = 'done' | 'failed' | 'lost' | 'stopped';

/** Runs one claimed job to its outcome (the worker's view of `ExportRunner`, so a test can hold runs). */
export interface JobRunner<J = ExportJobEntity> {
  run(job: J, worker: string, signal: AbortSignal): Promise<RunOutcome>;
}

/** What the runner logs through (the service's pino logger). */
export interface ExportLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Thrown inside a run to end it; the outcome says how the job is left. */
class RunEnded extends Error {
  constructor(
    readonly outcome: Exclude<RunOutcome, 'done'>,
    reason: string,
    readonly failure: ExportFailure = 'export-failed',
  ) {
    super(reason);
  }
}

/**
 * A full garbage collection of this isolate, without the `--expose-gc` flag at start. Reading
 * pages leaves their rows behind as old-generation garbage (V8 pretenures what a pipeline keeps
 * alive across scavenges), which a roomy heap lets pile up: 200 000 rows grew the service by
 * ~200 MB before V8 compacted on its own. Compacting every `gcEveryRows` rows (tens of ms each)
 * keeps it flat. Nothing where the flag cannot be set (the function is found on first use).
 */
let gc: (() => void) | null | undefined;
export function compactHeap(): void {
  if (gc === undefined) {
    const exposed = (globalThis as { gc?: unknown }).gc;
    try {
      if (typeof exposed !== 'function') setFlagsFromString('--expose-gc');
      const found: unknown = typeof exposed === 'function' ? exposed : runInNewContext('gc');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

const shanghaiDay = (at: Date): string => (formatLedgerTimestamp(at) ?? '').slice(0, 8);

/**
 * The file's name (ASCII, the last segment of the download link, so the browser saves it under
 * it): ledger, enterprise (or how many), period in Shanghai days (`to` is exclusive).
 */
export function exportFileName(
  job: Pick<ExportJobEntity, 'ledger' | 'enterpriseId' | 'enterpriseIds' | 'filters' | 'createdAt'>,
): string {
  const scope =
    job.enterpriseId === SEVERAL_ENTERPRISES ? `${job.enterpriseIds.length}-enterprises` : job.enterpriseId;
  const { from, to } = job.filters;
  const period =
    from || to
      ? `${from ? shanghaiDay(new Date(from)) : 'start'}-${to ? shanghaiDay(new Date(Date.parse(to) - 1)) : shanghaiDay(job.createdAt)}`
      : shanghaiDay(job.createdAt);
  return `${job.ledger}-${scope}-${period}.xlsx`;
}

/** Where the file goes in the exports bucket: one folder per job, so names never collide. */
export const exportObjectKey = (
  job: Pick<ExportJobEntity, 'id' | 'enterpriseId'>,
  fileName: string,
): string =>
  `exports/${job.enterpriseId === SEVERAL_ENTERPRISES ? 'several' : job.enterpriseId}/${job.id}/${fileName}`;

/**
 * Runs one claimed job: counts its rows, reads them page by page (the next page read while the
 * sheet thread formats the current one) into a temporary `.xlsx`, uploads it to the exports
 * bucket and marks the job done.
 * Progress is written every `PROGRESS_EVERY_ROWS` rows, and a heartbeat keeps the claim alive
 * while a page or the upload takes long; a run whose claim was taken over (`lost`) or that the
 * worker stops (`stopped`) ends without writing the job's state.
 */
export class ExportRunner implements JobRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ExportJobStore,
    private readonly storage: ObjectStorage,
    private readonly config: ExportConfig,
    private readonly logger: ExportLog,
    /** The exports bucket, made ready (again, if it failed at boot) before a file goes in. */
    private readonly bucketReady: () => Promise<void>,
    /** The chain signing key's public half: with it, a passages export carries the period's signed roots. */
    private readonly chainPublicKeyPem: string | undefined = undefined,
    /** Where rows are formatted: a worker thread (`SheetThreadSink`), or this thread (`SheetWriterSink`). */
    private readonly openSink: (spec: SheetSpec) => SheetSink = (spec) => new SheetThreadSink(spec),
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(job: ExportJobEntity, worker: string, signal: AbortSignal): Promise<RunOutcome> {
    const file = join(this.config.tmpDir, `ecogate-export-${job.id}-${randomUUID().slice(0, 8)}.xlsx`);
    let lost = false;
    const heartbeat = setInterval(
      () => {
        this.store.heartbeat(job.id, worker, this.now()).then(
          (held) => (lost ||= !held),
          (error: unknown) => this.logger.warn({ err: error, jobId: job.id }, 'export heartbeat failed'),
        );
      },
      Math.max(250, Math.floor(this.config.staleAfterMs / 3)),
    );
    const check = () => {
      if (lost) throw new RunEnded('lost', 'another worker holds the job');
      if (signal.aborted) throw new RunEnded('stopped', 'the worker stopped');
    };
    try {
      const result = await this.write(job, worker, file, check, () => (lost = true));
      check();
      const objectKey = exportObjectKey(job, result.fileName);
      await this.bucketReady();
      await this.storage.put(this.config.bucket, objectKey, createReadStream(file), {
        contentType: XLSX_CONTENT_TYPE,
        size: result.bytes,
        metadata: { 'export-job': job.id },
      });
      const finishedAt = this.now();
      const finished = await this.store.finish(
        job.id,
        worker,
        {
          objectKey,
          fileName: result.fileName,
          bytes: result.bytes,
          done: result.rows,
          expiresAt: new Date(finishedAt.getTime() + this.config.keepDays * 86_400_000),
        },
        finishedAt,
      );
      if (!finished) {
        await this.storage.remove(this.config.bucket, objectKey).catch(() => undefined);
        return 'lost';
      }
      this.logger.info(
        { jobId: job.id, ledger: job.ledger, rows: result.rows, bytes: result.bytes, sheets: result.sheets },
        'export done',
      );
      return 'done';
    } catch (error) {
      if (error instanceof RunEnded && error.outcome !== 'failed') return error.outcome;
      let reason: string;
      if (error instanceof RunEnded) reason = `${error.failure}: ${error.message}`;
      else {
        // The cause stays in the log (it may name hosts or SQL); the job says where to find it.
        const errorId = randomUUID();
        this.logger.error({ err: error, jobId: job.id, errorId }, 'export failed');
        reason = `export-failed: see the ledger's log, error id ${errorId}`;
      }
      await this.store.fail(job.id, worker, reason, this.now());
      return 'failed';
    } finally {
      clearInterval(heartbeat);
      await rm(file, { force: true });
    }
  }

  private async write(
    job: ExportJobEntity,
    worker: string,
    file: string,
    check: () => void,
    markLost: () => void,
  ): Promise<{ fileName: string; rows: number; sheets: number; bytes: number }> {
    const enterprises = job.enterpriseIds.map((id) => parseEnterpriseId(id));
    const several = job.enterpriseId === SEVERAL_ENTERPRISES;
    const source = exportSources(this.dataSource.manager)[job.ledger] as ExportSource<SourceOf[ExportLedger]>;

    let totalRows = 0;
    for (const enterpriseId of enterprises) totalRows += await source.count(enterpriseId, job.filters);
    const report = async (rows: number, total?: number) => {
      const held = await this.store.progress(
        job.id,
        worker,
        { done: rows, ...(total !== undefined ? { total } : {}) },
        this.now(),
      );
      if (!held) markLost();
      check();
    };
    await report(0, totalRows);
    if (totalRows > this.config.maxRows) {
      throw new RunEnded(
        'failed',
        `${totalRows} rows, at most ${this.config.maxRows} per export; choose a shorter period or fewer enterprises`,
        'too-many-rows',
      );
    }

    await mkdir(this.config.tmpDir, { recursive: true });
    const sink = this.openSink({
      file,
      ledger: job.ledger,
      severalEnterprises: several,
      maxRowsPerSheet: this.config.maxRowsPerSheet,
      ...(job.ledger === 'passages' && this.chainPublicKeyPem
        ? {
            chainRoots: {
              publicKeyPem: this.chainPublicKeyPem,
              roots: await exportChainRoots(this.dataSource, job.enterpriseIds, job.filters),
            },
          }
        : {}),
    });
    try {
      let reported = 0;
      let compacted = 0;
      for (const enterpriseId of enterprises) {
        const pages = source.pages(enterpriseId, job.filters, PAGE_SIZE);
        for (;;) {
          await sink.ready();
          const next = await pages.next();
          if (next.done) break;
          await sink.write(next.value, several ? enterpriseId : undefined);
          if (this.config.gcEveryRows > 0 && sink.written - compacted >= this.config.gcEveryRows) {
            compacted = sink.written;
            compactHeap();
          }
          if (sink.written - reported >= PROGRESS_EVERY_ROWS) {
            reported = sink.written;
            await report(reported);
          }
          check();
        }
      }
      const { rows, sheets } = await sink.close();
      const { size } = await stat(file);
      return { fileName: exportFileName(job), rows, sheets, bytes: size };
    } catch (error) {
      await sink.abort();
      throw error;
    }
  }
}
