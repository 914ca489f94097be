import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadInfraEnv } from '@ecogate/testing';
import { type Service, servicesFrom } from '../src/services';
import { BenchEnvironment, hasDatabase, type ServicePorts } from './service-env';
import { type Command, StartedService } from './started-service';

// `npm run bench:service-start [-- <service>…] [--rounds N] [--idle S]` (after `npm run build:images`
// and `npm run infra:up`): each service started alone against the local Kafka, PostgreSQL and
// MinIO, as its production build (`node main.js` in dist/images/<service>, as in its image) and
// from TypeScript through tsx (as `npm start` and the tests run it): time from spawn to the first
// 200 of `GET /health`, resident memory then and after S seconds idle. The median of N rounds
// (memory from the first). Writes dist/bench/service-start.json for the charts' sizing.

const ROOT = resolve(__dirname, '../../..');
const IMAGES = join(ROOT, 'dist', 'images');
const GUARD = join(ROOT, 'deploy', 'images', 'runtime-guard.cjs');
const MODELS = process.env['LPR_MODEL_DIR'] ?? resolve(ROOT, '..', 'shared', 'models');
const START_TIMEOUT_MS = 120_000;

type Mode = 'built' | 'tsx';

interface Sample {
  readonly healthyMs: number;
  readonly rssMiB: number;
  readonly idleRssMiB?: number;
}

interface Result {
  readonly service: Service;
  readonly migrateMs?: number;
  readonly built: Sample;
  readonly tsx: Sample;
}

/** The production command runs with the guard that refuses tsx/typescript: the whole start proves it. */
function command(mode: Mode, service: Service, env: Record<string, string>): Command {
  if (mode === 'built') return { args: ['--require', GUARD, 'main.js'], cwd: join(IMAGES, service), env };
  return {
    args: ['--import', 'tsx', `apps/${service}/src/main.ts`],
    cwd: ROOT,
    env: { ...env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
  };
}

async function migrate(service: Service, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const job = new StartedService({ ...command('built', service, env), args: ['main.js', '--migrate'] });
  const code = await job.exited;
  if (code !== 0) throw new Error(`${service} --migrate exited ${code}:\n${job.output()}`);
  return performance.now() - started;
}

async function sample(
  service: Service,
  mode: Mode,
  env: Record<string, string>,
  ports: ServicePorts,
  idleSeconds: number,
): Promise<Sample> {
  const started = performance.now();
  const process = new StartedService(command(mode, service, env));
  try {
    await process.healthy(`http://127.0.0.1:${ports.http}/health`, START_TIMEOUT_MS);
    const healthyMs = performance.now() - started;
    const rssMiB = process.rssMiB();
    if (idleSeconds === 0) return { healthyMs, rssMiB };
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    return { healthyMs, rssMiB, idleRssMiB: process.rssMiB() };
  } catch (error) {
    throw new Error(`${service} (${mode}): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await process.stop();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function table(results: readonly Result[]): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const m = (mib: number | undefined) => (mib === undefined ? '–' : `${mib.toFixed(0)} MiB`);
  const header =
    '| service | built: healthy | RSS | RSS idle | tsx: healthy | RSS | RSS idle | --migrate (built) |\n' +
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  const rows = results.map(
    (r) =>
      `| ${r.service} | ${s(r.built.healthyMs)} | ${m(r.built.rssMiB)} | ${m(r.built.idleRssMiB)} | ` +
      `${s(r.tsx.healthyMs)} | ${m(r.tsx.rssMiB)} | ${m(r.tsx.idleRssMiB)} | ${r.migrateMs === undefined ? '–' : s(r.migrateMs)} |`,
  );
  return [header, ...rows].join('\n');
}

interface Options {
  readonly services: Service[];
  readonly rounds: number;
  readonly idleSeconds: number;
}

function parseArgs(args: readonly string[]): Options {
  const names: string[] = [];
  let rounds = 3;
  let idleSeconds = 10;
  const count = (name: string, value: string | undefined, min: number): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`${name} needs a whole number ≥ ${min}`);
    return parsed;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--rounds') rounds = count(arg, args[++i], 1);
    else if (arg === '--idle') idleSeconds = count(arg, args[++i], 0);
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else names.push(arg);
  }
  return { services: servicesFrom(names), rounds, idleSeconds };
}

async function main(args: readonly string[]): Promise<void> {
  const { services, rounds, idleSeconds } = parseArgs(args);
  const missing = services.filter((service) => !existsSync(join(IMAGES, service, 'main.js')));
  if (missing.length > 0)
    throw new Error(`no build of ${missing.join(', ')}: run \`npm run build:images\` first`);

  const workDir = await mkdtemp(join(tmpdir(), 'ecogate-bench-start-'));
  const environment = await BenchEnvironment.create(loadInfraEnv(), workDir, services);
  const results: Result[] = [];
  try {
    for (const service of services) {
      const ports = await environment.ports();
      const envOf = (mode: Mode) =>
        environment.env(
          service,
          ports,
          mode === 'built' ? join(IMAGES, 'gateway', 'console') : join(ROOT, 'apps', 'console', 'dist'),
          MODELS,
        );
      const migrateMs = hasDatabase(service) ? await migrate(service, envOf('built')) : undefined;
      const samples: Record<Mode, Sample[]> = { built: [], tsx: [] };
      for (let round = 0; round < rounds; round++)
        for (const mode of ['built', 'tsx'] as const)
          samples[mode].push(await sample(service, mode, envOf(mode), ports, round === 0 ? idleSeconds : 0));
      const summary = (mode: Mode): Sample => ({
        healthyMs: median(samples[mode].map((x) => x.healthyMs)),
        rssMiB: samples[mode][0]?.rssMiB ?? 0,
        ...(samples[mode][0]?.idleRssMiB === undefined ? {} : { idleRssMiB: samples[mode][0]?.idleRssMiB }),
      });
      const result: Result = {
        service,
        ...(migrateMs === undefined ? {} : { migrateMs }),
        built: summary('built'),
        tsx: summary('tsx'),
      };
      results.push(result);
      process.stdout.write(
        `${service}: built ${(result.built.healthyMs / 1000).toFixed(2)} s, tsx ${(result.tsx.healthyMs / 1000).toFixed(2)} s\n`,
      );
    }
  } finally {
    await environment.close();
    await rm(workDir, { recursive: true, force: true });
  }
  const machine = `${availableParallelism()} CPUs, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, node ${process.version}`;
  console.log(
    `\n${table(results)}\n\n${rounds} round(s), median start; RSS of the process tree at healthy and after ${idleSeconds} s idle (first round); ${machine}`,
  );
  const out = join(ROOT, 'dist', 'bench');
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, 'service-start.json'),
    `${JSON.stringify({ machine, rounds, idleSeconds, results }, null, 2)}\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
