/**
 * `npm run bench:lpr [-- <dir>...] [--rounds N] [--no-service] [--synthetic N] [--seed S] [--scenes DIR]`
 *
 * Accuracy, precision of trusted reads, latency and service throughput of the plate reader over
 * ../shared/samples/plates (or any directory of the same shape). Engine settings come from the
 * same LPR_* environment variables as the service (e.g. LPR_DETECTORS=plate_detect,y5fu_640).
 * Then, reported apart, N generated plates (default 1 000, seed 2026; `--synthetic 0` skips them)
 * placed in the scene photos of --scenes (default: the shared samples' scene folder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  createPlateEngine,
  CROP_FRAMING_PRESETS,
  FRAMING_PRESETS,
  InProcessRunner,
  type LprConfig,
  lprConfig,
  PlatePipeline,
  type PlateRead,
  PlateReader,
  type RecognitionResult,
  silentLogger,
  warmUp,
} from '@ecogate/lpr';
import { TestIssuer } from '@ecogate/auth';
import { createLogger } from '@ecogate/telemetry';
import { plateRecognitionConfig } from '../src/config/plate-recognition.config';
import { createApp } from '../src/create-app';
import { printKnownPlateScenarios } from './known-plates-bench';
import { type CropSample, loadSampleSet, type SampleSet, type SceneSample } from './sample-set';
import { matchReads, type Metrics, percentile, score, type ScoredPlate, sweepGate } from './scoring';
import { benchSyntheticSet } from './synthetic-bench';

interface Args {
  dirs: string[];
  rounds: number;
  service: boolean;
  synthetic: number;
  seed: number;
  scenes?: string;
}

/** The synthetic set the issue's figures are taken on. */
const SYNTHETIC_DEFAULTS = { count: 1000, seed: 2026 } as const;

interface Timed {
  decodeMs: number;
  detectMs: number;
  recogniseMs: number;
  totalMs: number;
  inferenceMs: number;
}

interface Run {
  scenes: { sample: SceneSample; result: RecognitionResult }[];
  crops: { sample: CropSample; result: RecognitionResult }[];
  sceneTimes: Timed[];
  cropTimes: Timed[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    dirs: [],
    rounds: 4,
    service: true,
    synthetic: SYNTHETIC_DEFAULTS.count,
    seed: SYNTHETIC_DEFAULTS.seed,
  };
  const wholeNumber = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} wants a whole number ≥ 0, got '${value}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--rounds') args.rounds = Number(argv[++i]);
    else if (a === '--no-service') args.service = false;
    else if (a === '--synthetic') args.synthetic = wholeNumber(a, argv[++i]);
    else if (a === '--seed') args.seed = wholeNumber(a, argv[++i]);
    else if (a === '--scenes') args.scenes = resolve(argv[++i] ?? '');
    else args.dirs.push(resolve(a));
  }
  return args;
}

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const sharedSamples = () =>
  process.env['LPR_SAMPLES_DIR'] ?? join(repoRoot(), '..', 'shared', 'samples', 'plates');

async function runAll(config: LprConfig, set: SampleSet): Promise<Run> {
  const engine = await createPlateEngine(config.engine, silentLogger);
  try {
    await warmUp(engine);
    const reader = new PlateReader(
      new InProcessRunner(new PlatePipeline(engine, config.pipeline)),
      config.gate,
    );
    const run: Run = { scenes: [], crops: [], sceneTimes: [], cropTimes: [] };
    for (const sample of set.scenes) {
      const result = await reader.read(sample.bytes, 'scene');
      run.scenes.push({ sample, result });
      if ('timings' in result) run.sceneTimes.push(result.timings);
    }
    for (const sample of set.crops) {
      const result = await reader.read(sample.bytes, 'crop');
      run.crops.push({ sample, result });
      if ('timings' in result) run.cropTimes.push(result.timings);
    }
    return run;
  } finally {
    await engine.release();
  }
}

const platesOf = (result: RecognitionResult): readonly PlateRead[] =>
  result.kind === 'plates' ? result.plates : [];

function scoreRun(run: Run) {
  const sceneItems = run.scenes.map(({ sample, result }) => ({
    ...matchReads(sample.plates, platesOf(result)),
    ignore: sample.ignore,
    file: sample.file,
  }));
  const cropItems = run.crops.map(({ sample, result }) => ({
    ...matchReads([sample.truth], platesOf(result)),
    ignore: 0,
    file: sample.file,
  }));
  return {
    scene: score(sceneItems),
    crop: score(cropItems),
    sceneScored: sceneItems.flatMap((i) => i.scored),
    cropScored: cropItems.flatMap((i) => i.scored),
  };
}

const pct = (n: number, d: number) => (d === 0 ? '   –  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const frac = (n: number, d: number) => `${`${n}/${d}`.padStart(9)} ${pct(n, d)}`;
const col = (s: string, w = 24) => s.padEnd(w);

function printAccuracy(scene: Metrics, crop: Metrics): void {
  const row = (label: string, a: string, b: string) => console.log(`  ${col(label)}${a.padEnd(20)}${b}`);
  console.log(`\nAccuracy                  ${'scenes'.padEnd(20)}crops (straight to the recogniser)`);
  row('exact plate', frac(scene.exact, scene.plates), frac(crop.exact, crop.plates));
  row('characters', frac(scene.charsRight, scene.chars), frac(crop.charsRight, crop.chars));
  row('colour', frac(scene.colourRight, scene.colourKnown), frac(crop.colourRight, crop.colourKnown));
  row(
    'double-row exact',
    frac(scene.doubleRowExact, scene.doubleRow),
    frac(crop.doubleRowExact, crop.doubleRow),
  );
  row('trusted reads', `${scene.trusted}`.padStart(9), `${crop.trusted}`.padStart(9));
  row('  of them wrong', `${scene.trustedWrong}`.padStart(9), `${crop.trustedWrong}`.padStart(9));
  row(
    'precision (trusted)',
    frac(scene.trusted - scene.trustedWrong, scene.trusted),
    frac(crop.trusted - crop.trustedWrong, crop.trusted),
  );
  row(
    'trusted and right / all',
    frac(scene.trusted - scene.trustedWrong, scene.plates),
    frac(crop.trusted - crop.trustedWrong, crop.plates),
  );
  console.log(
    `  ${col('extra detections')}${scene.extras} (trusted: ${scene.trustedExtras}); the labels name ${scene.ignored} plate(s) not to score`,
  );
  const wrong = [...scene.wrongTrustedExamples, ...crop.wrongTrustedExamples];
  if (wrong.length > 0) console.log(`  wrong trusted reads: ${wrong.join('; ')}`);
}

function printSweep(scored: readonly ScoredPlate[], label: string): void {
  const widths = [0, 40, 50, 60, 80];
  console.log(
    `\nGate sweep, ${label}: trusted/wrong by min char confidence (rows) × min plate width px (columns)`,
  );
  console.log(`  ${'conf'.padEnd(6)}${widths.map((w) => `≥${w}px`.padStart(10)).join('')}`);
  for (const c of [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]) {
    const cells = widths.map((w) => {
      const s = sweepGate(scored, c, w);
      return `${s.trusted}/${s.wrong}`.padStart(10);
    });
    console.log(`  ${c.toFixed(2).padEnd(6)}${cells.join('')}`);
  }
}

function latencyRows(one: Run, all: Run): void {
  const stat = (times: readonly Timed[], key: keyof Timed) =>
    `${percentile(
      times.map((t) => t[key]),
      50,
    )
      .toFixed(1)
      .padStart(7)} ${percentile(
      times.map((t) => t[key]),
      95,
    )
      .toFixed(1)
      .padStart(7)}`;
  const ratio = (times: readonly Timed[]) => {
    const total = times.reduce((s, t) => s + t.totalMs, 0);
    const inference = times.reduce((s, t) => s + t.inferenceMs, 0);
    return `${(total / inference).toFixed(2)}×`.padStart(15);
  };
  const header = `${'1 thread p50/p95'.padStart(18)}${'default p50/p95'.padStart(20)}`;
  for (const [label, a, b] of [
    ['scenes', one.sceneTimes, all.sceneTimes],
    ['crops', one.cropTimes, all.cropTimes],
  ] as const) {
    console.log(`\nLatency per image, ${label} (ms)${header}`);
    const row = (name: string, key: keyof Timed) =>
      console.log(`  ${col(name, 26)}${stat(a, key)}    ${stat(b, key)}`);
    row('decode', 'decodeMs');
    if (label === 'scenes') row('detection', 'detectMs');
    row('recognition (all crops)', 'recogniseMs');
    row('pipeline total', 'totalMs');
    row('bare session.run', 'inferenceMs');
    console.log(`  ${col('pipeline / session.run', 26)}${ratio(a)}    ${ratio(b)}`);
  }
}

async function serviceThroughput(set: SampleSet, rounds: number): Promise<void> {
  // The route wants a city operator's token: a local issuer stands in for the gateway.
  const issuer = await TestIssuer.start();
  const config = plateRecognitionConfig.load({
    ...process.env,
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    SNAPSHOTS_ENABLED: 'false',
    AUTH_JWKS_URL: issuer.jwksUrl,
  });
  const app = await createApp(
    config,
    issuer.verifierOptions,
    createLogger({ service: 'plate-recognition-bench', level: 'error' }),
  );
  await app.listen(0, '127.0.0.1');
  try {
    const authorization = await issuer.bearer({ role: 'city-operator', subject: 'bench' });
    const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/recognize`;
    const jobs = Array.from({ length: rounds }, () => set.scenes).flat();
    const concurrency = config.lpr.pool.workers * 2;
    const statuses = new Map<number, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < jobs.length) {
          const sample = jobs[next++] as SceneSample;
          const type = sample.file.toLowerCase().endsWith('.png') ? 'image/png' : 'image/jpeg';
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': type, authorization },
            body: sample.bytes,
          });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const okCount = statuses.get(200) ?? 0;
    console.log(
      `\nService (Nest in-process, HTTP on 127.0.0.1): ${jobs.length} scene images, ${concurrency} in flight, ` +
        `workers=${config.lpr.pool.workers}, intraOpThreads=${config.lpr.engine.intraOpNumThreads}`,
    );
    console.log(
      `  ${(okCount / seconds).toFixed(1)} images/s end to end (${seconds.toFixed(1)} s); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  } finally {
    await app.close();
    await issuer.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const base = lprConfig.load();
  const dirs = args.dirs.length > 0 ? args.dirs : [sharedSamples()];
  const supplementPath = join(__dirname, 'shared-sample-truth.json');
  let first: SampleSet | undefined;
  for (const dir of dirs) {
    const isShared = resolve(dir) === resolve(sharedSamples());
    const set = loadSampleSet(dir, isShared ? JSON.parse(readFileSync(supplementPath, 'utf8')) : undefined);
    first ??= set;
    const plates = set.scenes.reduce((s, x) => s + x.plates.length, 0);
    console.log(
      `\n=== ${dir}: ${set.scenes.length} scenes (${plates} labelled plates), ${set.crops.length} crops`,
    );
    console.log(
      `engine: detectors=${base.engine.detectors.join('+')} recogniser=${base.engine.recogniser}` +
        `${base.engine.secondRecogniser ? ` second=${base.engine.secondRecogniser}` : ''} colour=${base.engine.colour} ` +
        `framings=${base.pipeline.framings.length}; gate: width ≥ ${base.gate.minPlateWidthPx}px, char confidence ≥ ${base.gate.minCharConfidence}`,
    );
    const withThreads = (n: number): LprConfig => ({
      ...base,
      engine: { ...base.engine, intraOpNumThreads: n },
    });
    const one = await runAll(withThreads(1), set);
    const all = await runAll(withThreads(0), set);
    const s = scoreRun(all);
    printAccuracy(s.scene, s.crop);
    if (base.pipeline.framings.length > 1) {
      // The straightforward pipeline, for comparison: one tight crop per plate, one read.
      const plain = scoreRun(
        await runAll(
          {
            ...withThreads(1),
            pipeline: {
              ...base.pipeline,
              framings: FRAMING_PRESETS['1'],
              cropFramings: CROP_FRAMING_PRESETS['1'],
            },
          },
          set,
        ),
      );
      const line = (m: Metrics) =>
        `exact ${frac(m.exact, m.plates)}, trusted ${m.trusted} (wrong ${m.trustedWrong})`;
      console.log(`  plain pipeline (1 crop)  scenes: ${line(plain.scene)};  crops: ${line(plain.crop)}`);
    }
    printSweep(s.sceneScored, 'scenes');
    printSweep(s.cropScored, 'crops');
    latencyRows(one, all);
    await printKnownPlateScenarios(withThreads(0), set);
  }
  if (args.service && first && first.scenes.length > 0) await serviceThroughput(first, args.rounds);
  if (args.synthetic > 0) {
    const sceneDir = args.scenes ?? join(sharedSamples(), 'scene');
    await benchSyntheticSet(base, { count: args.synthetic, seed: args.seed, sceneDir });
  }
  console.log('\nTimings taken on a shared or busy machine are noise: re-take them on a quiet one.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
