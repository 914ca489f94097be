/**
 * `npm run bench:export [-- --rows N]` (default 200 000): the Excel export of one enterprise's
 * passages, against the Postgres, Kafka and MinIO of `npm run infra:up`.
 *
 * Seeds N passages (30 days, 2 000 plates, half of them in the registry) into a temporary
 * database with `generate_series`, then starts the ledger in a child process (export-child.ts)
 * that queues the export through the HTTP API and waits for `done`. Reports the wall time (POST
 * to done; target ≤ 15 s) and the ledger process' memory: its RSS sampled every 50 ms during the
 * export, the kernel's high-water mark VmHWM (whole life), and the parent's own 50 ms samples of
 * the child's VmRSS from /proc (target ≤ 300 MB). Then reads the file back (exceljs' streaming
 * reader) to check the row count. JSON results go to the OS temp directory.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createDataSource } from '@ecogate/persistence';
import { loadInfraEnv } from '@ecogate/testing';
import * as ExcelJS from 'exceljs';
import { seedSyntheticLedger } from '../src/testing/synthetic-ledger';
import { ledgerEntities, ledgerMigrations } from '../src/ledger.data-source';
import { migratedDatabase } from '../src/testing/ledger-harness';

const arg = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const ROWS = arg('rows', 200_000);
const ENTERPRISE = 'bench-export-ent';
const DAY = 86_400_000;

/** The child's VmRSS in MB, read from outside (`undefined` once it is gone). */
function childRssMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface ChildResult {
  state: string;
  error?: string;
  rows: number;
  bytes?: number;
  wallSeconds: number;
  jobSeconds: number;
  baselineRssMb: number;
  peakRssMb: number;
  rssSamples: number;
  bootHwmMb: number;
  vmHwmMb: number;
  downloadUrl?: string;
}

async function runChild(
  env: Record<string, string>,
): Promise<{ result: ChildResult; outsidePeakMb: number }> {
  const root = resolve(__dirname, '../../..');
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'export-child.ts')], {
    cwd: root,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.base.json'), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let outsidePeakMb = 0;
  const sampler = setInterval(() => {
    const rss = child.pid ? childRssMb(child.pid) : undefined;
    if (rss !== undefined) outsidePeakMb = Math.max(outsidePeakMb, rss);
  }, 50);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  clearInterval(sampler);
  const line = output.split('\n').find((l) => l.startsWith('BENCH-RESULT '));
  if (code !== 0 || !line) throw new Error(`export child exited with ${code}:\n${output}`);
  const result = JSON.parse(line.slice('BENCH-RESULT '.length)) as ChildResult;
  if (result.state !== 'done') console.error(output);
  return { result, outsidePeakMb };
}

/** Rows of the downloaded file (header excluded), read as a stream. */
async function countRows(url: string): Promise<{ rows: number; sheets: string[] }> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`download: HTTP ${response.status}`);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]),
    { sharedStrings: 'ignore', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit' },
  );
  let rows = 0;
  const sheets: string[] = [];
  for await (const sheet of reader) {
    sheets.push((sheet as unknown as { name: string }).name);
    for await (const _row of sheet) rows += 1;
    rows -= 1; // the header
  }
  return { rows, sheets };
}

async function main(): Promise<void> {
  const infra = loadInfraEnv();
  const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_bench_export');
  try {
    const until = new Date(Math.floor(Date.now() / DAY) * DAY);
    const from = new Date(until.getTime() - 30 * DAY);
    const seeding = createDataSource({
      url: database.url,
      entities: ledgerEntities,
      migrations: ledgerMigrations,
      logging: false,
      slowQueryMs: 3_600_000,
    });
    await seeding.initialize();
    const seedStarted = Date.now();
    await seedSyntheticLedger(seeding.manager, {
      enterprises: [ENTERPRISE],
      perEnterprise: ROWS,
      from,
      days: 30,
      plates: 2_000,
    });
    await seeding.destroy();
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    console.log(`seeded ${ROWS} passages (30 days, one enterprise) in ${seedSeconds.toFixed(1)} s`);

    const { result, outsidePeakMb } = await runChild({
      BENCH_DATABASE_URL: database.url,
      BENCH_ENTERPRISE: ENTERPRISE,
      BENCH_BUCKET: `ledger-bench-${randomUUID().slice(0, 8)}`,
      BENCH_FROM: from.toISOString(),
      BENCH_TO: until.toISOString(),
    });
    if (result.state !== 'done') throw new Error(`export ${result.state}: ${result.error ?? ''}`);
    const file = await countRows(result.downloadUrl ?? '');

    const mb = (value: number) => `${value.toFixed(0)} MB`;
    const rows: [string, string, string][] = [
      [
        'rows exported',
        String(result.rows),
        `file read back: ${file.rows} rows, sheets ${file.sheets.join(', ')}`,
      ],
      ['file size', `${((result.bytes ?? 0) / 1024 / 1024).toFixed(1)} MB`, ''],
      ['wall time, POST → done', `${result.wallSeconds.toFixed(2)} s`, 'target ≤ 15 s'],
      [
        'job time, started → finished',
        `${result.jobSeconds.toFixed(2)} s`,
        `${(result.rows / result.jobSeconds).toFixed(0)} rows/s`,
      ],
      ['RSS before the export', mb(result.baselineRssMb), 'the whole ledger service, booted'],
      [
        'peak RSS during the export',
        mb(result.peakRssMb),
        `process.memoryUsage().rss every 50 ms (${result.rssSamples} samples); target ≤ 300 MB`,
      ],
      ['peak VmRSS seen from outside', mb(outsidePeakMb), '/proc/<pid>/status every 50 ms, whole life'],
      [
        'VmHWM after boot / at the end',
        `${mb(result.bootHwmMb)} / ${mb(result.vmHwmMb)}`,
        'kernel high-water mark of the process',
      ],
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(
      `\nExcel export of ${ROWS} passages (${cpus().length} CPUs, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    for (const [name, value, note] of rows)
      console.log(`  ${name.padEnd(width)}  ${value.padStart(12)}  ${note}`);
    const { downloadUrl: _link, ...figures } = result;
    const out = join(tmpdir(), `ecogate-bench-export-${Date.now()}.json`);
    writeFileSync(
      out,
      JSON.stringify(
        {
          bench: 'export',
          at: new Date().toISOString(),
          seededRows: ROWS,
          seedSeconds,
          outsidePeakMb,
          fileRows: file.rows,
          sheets: file.sheets,
          ...figures,
          loadavg: loadavg(),
          cpus: cpus().length,
        },
        null,
        2,
      ),
    );
    console.log(`\nresults: ${out}`);
    if (file.rows !== ROWS) throw new Error(`the file has ${file.rows} rows, not ${ROWS}`);
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
