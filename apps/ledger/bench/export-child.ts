// The ledger process of `npm run bench:export` (started by bench-export.ts, not by hand): the
// whole service on the bench's database, one export through its HTTP API, and what it cost this
// process: wall time from POST to `done`, resident memory sampled every 50 ms, and the kernel's
// high-water mark (VmHWM). Prints one JSON line.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { TestIssuer } from '@ecogate/auth';
import { createLogger } from '@ecogate/telemetry';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { DEFAULT_EXPORT_CONFIG } from '../src/export/export.config';
import { type ExportJobView } from '../src/export/export.schemas';
import { memberOf, serviceConfig } from '../src/testing/ledger-test-kit';
import { startLedgerService } from '../src/start-ledger-service';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run npm run bench:export)`);
  return value;
};

/** kB of a `/proc/self/status` line, in MB. */
function procStatusMb(field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

async function main(): Promise<void> {
  const enterprise = env('BENCH_ENTERPRISE');
  const infra = loadInfraEnv();
  const issuer = await TestIssuer.start();
  const service = await startLedgerService(
    {
      ...serviceConfig({
        databaseUrl: env('BENCH_DATABASE_URL'),
        ...kafkaClientOptions(infra),
        topicPrefix: `bench-${randomUUID().slice(0, 8)}.`,
        verifier: issuer.verifierOptions,
      }),
      exports: { ...DEFAULT_EXPORT_CONFIG, bucket: env('BENCH_BUCKET'), maxRows: 5_000_000 },
    },
    createLogger({ service: 'bench-export', level: 'warn' }),
  );
  const authorization = await issuer.bearer(memberOf(enterprise, 'enterprise-staff'));
  const call = async (path: string, init: RequestInit = {}): Promise<ExportJobView> => {
    const response = await fetch(`${service.url}/api/v1/enterprises/${enterprise}${path}`, {
      ...init,
      headers: { authorization, 'content-type': 'application/json' },
    });
    if (response.status >= 300) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as ExportJobView;
  };

  const baselineMb = rssMb();
  const bootHwmMb = procStatusMb('VmHWM');
  let peakMb = baselineMb;
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const now = rssMb();
    samples.push(now);
    peakMb = Math.max(peakMb, now);
  }, 50);
  const started = process.hrtime.bigint();
  const queued = await call('/exports', {
    method: 'POST',
    body: JSON.stringify({ ledger: 'passages', from: env('BENCH_FROM'), to: env('BENCH_TO') }),
  });
  let job = queued;
  while (job.state === 'queued' || job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await call(`/exports/${queued.jobId}`);
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const result = {
    state: job.state,
    error: job.error,
    rows: job.rows,
    bytes: job.bytes,
    wallSeconds,
    jobSeconds: (Date.parse(job.finishedAt ?? '') - Date.parse(job.startedAt ?? '')) / 1000,
    baselineRssMb: baselineMb,
    peakRssMb: peakMb,
    rssSamples: samples.length,
    bootHwmMb,
    vmHwmMb: procStatusMb('VmHWM'),
    downloadUrl: job.downloadUrl,
  };
  await service.close();
  await issuer.close();
  process.stdout.write(`BENCH-RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
