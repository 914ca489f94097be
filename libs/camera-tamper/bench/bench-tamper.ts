/**
 * Tamper-check figures on footage generated from the real sample scenes (../shared/samples, or
 * TAMPER_SCENES_DIR): per variant the detection rate (the right kind) or, for the unaltered
 * day/overcast/night/rain variants, the false-alarm rate; the CPU time of one check; and how long
 * one check (assessView + frameFingerprint, as camera-ingest's view check runs them) holds the
 * main thread, in this thread and through a ViewAnalysisPool (reported, not asserted).
 *
 *   npm run bench:tamper [-- --seeds 3 (default)] [-- --verbose]
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  assessView,
  frameFingerprint,
  ViewAnalysisPool,
  viewSignature,
  type TamperKind,
  type ViewAssessment,
  type ViewSignature,
} from '../src';
import {
  EXPECTED_KIND,
  FOOTAGE_VARIANTS,
  footageFrame,
  loadSampleScenes,
  referenceFrame,
  type FootageVariant,
} from '../src/testing';

/** The scores that decide, whose ranges per variant show the margin to each threshold. */
const DECIDING_SCORES = [
  'highlight',
  'coveredShare',
  'uncoveredEdgeOverlap',
  'sharpnessRatio',
  'edgeOverlap',
  'movedTileShare',
];

interface Tally {
  frames: number;
  right: number;
  ranges: Record<string, [number, number]>;
  /** Tamper reported where none was, or another kind than the one made. */
  wrongKinds: Partial<Record<TamperKind | 'none', number>>;
}

function args(): { seeds: number; verbose: boolean } {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--seeds');
  return { seeds: at >= 0 ? Number(argv[at + 1]) : 3, verbose: argv.includes('--verbose') };
}

async function main(): Promise<void> {
  const { seeds, verbose } = args();
  const scenes = await loadSampleScenes();
  const tallies = new Map<FootageVariant, Tally>(
    FOOTAGE_VARIANTS.map((v) => [v, { frames: 0, right: 0, wrongKinds: {}, ranges: {} }]),
  );
  const checkCpuMs: number[] = [];
  const signatureCpuMs: number[] = [];
  const fingerprintCpuMs: number[] = [];
  /** A few checks per scene for the main-thread figures: (reference, frame). */
  const blockSamples: { reference: ViewSignature; frame: Buffer }[] = [];
  for (const scene of scenes) {
    const commissioned = await referenceFrame(scene.image);
    let cpu = process.cpuUsage();
    const reference = await viewSignature(commissioned);
    signatureCpuMs.push(cpuMs(cpu));
    for (let seed = 1; seed <= seeds; seed++) {
      for (const variant of FOOTAGE_VARIANTS) {
        const frame = await footageFrame(scene.image, variant, seed);
        cpu = process.cpuUsage();
        const result = await assessView(reference, frame.image);
        checkCpuMs.push(cpuMs(cpu));
        if (variant === 'day') {
          cpu = process.cpuUsage();
          await frameFingerprint(frame.image);
          fingerprintCpuMs.push(cpuMs(cpu));
        }
        if (seed === 1 && ['day', 'night', 'covered-cloth', 'shifted'].includes(variant))
          blockSamples.push({ reference, frame: frame.image });
        const tally = tallies.get(variant);
        if (!tally) continue;
        tally.frames++;
        for (const name of DECIDING_SCORES) {
          const value = result.scores[name];
          if (value === undefined) continue;
          const range = (tally.ranges[name] ??= [value, value]);
          tally.ranges[name] = [Math.min(range[0], value), Math.max(range[1], value)];
        }
        if (result.kind === frame.expected) tally.right++;
        else {
          const got = result.kind ?? 'none';
          tally.wrongKinds[got] = (tally.wrongKinds[got] ?? 0) + 1;
        }
        if (verbose || (result.kind !== frame.expected && process.env['TAMPER_BENCH_MISSES'])) {
          console.log(
            `${scene.name.padEnd(28)} ${variant.padEnd(14)} ${String(result.kind).padEnd(9)} ${frame.description.padEnd(36)} ${JSON.stringify(result.scores)}`,
          );
        }
      }
    }
  }
  console.log(
    `\ncamera-tamper bench: ${scenes.length} real scenes × ${seeds} seeds, ${checkCpuMs.length} checks\n`,
  );
  console.log('variant         expected   frames  result');
  for (const [variant, t] of tallies) {
    const rate = pct(t.right / t.frames);
    const label =
      EXPECTED_KIND[variant] === null ? `false alarms ${pct(1 - t.right / t.frames)}` : `detected ${rate}`;
    const wrong = Object.entries(t.wrongKinds)
      .map(([k, n]) => `${k}×${n}`)
      .join(' ');
    console.log(
      `${variant.padEnd(15)} ${String(EXPECTED_KIND[variant] ?? '-').padEnd(10)} ${String(t.frames).padStart(6)}  ${label}${wrong ? `  (got ${wrong})` : ''}`,
    );
  }
  console.log(
    '\nscore ranges (min..max) per variant, where computed (a check that decided early skips the later scores):',
  );
  console.log(`variant         ${DECIDING_SCORES.map((n) => n.padEnd(21)).join('')}`);
  for (const [variant, t] of tallies) {
    const cells = DECIDING_SCORES.map((n) => {
      const r = t.ranges[n];
      return (r ? `${fmt(r[0])}..${fmt(r[1])}` : '-').padEnd(21);
    });
    console.log(`${variant.padEnd(15)} ${cells.join('')}`);
  }
  const unaltered = [...tallies]
    .filter(([v]) => ['day', 'overcast', 'night', 'rain'].includes(v))
    .map(([, t]) => t);
  const tampered = [...tallies]
    .filter(([v]) => !['day', 'overcast', 'night', 'rain'].includes(v))
    .map(([, t]) => t);
  const sum = (ts: Tally[], f: (t: Tally) => number) => ts.reduce((n, t) => n + f(t), 0);
  console.log(
    `\noverall: detection ${pct(sum(tampered, (t) => t.right) / sum(tampered, (t) => t.frames))} of ${sum(tampered, (t) => t.frames)} tampered frames; ` +
      `false alarms ${pct(sum(unaltered, (t) => t.frames - t.right) / sum(unaltered, (t) => t.frames))} of ${sum(unaltered, (t) => t.frames)} unaltered frames`,
  );
  console.log(
    `CPU per check (assessView, one ≤1280 px JPEG): median ${quantile(checkCpuMs, 0.5).toFixed(1)} ms, p95 ${quantile(checkCpuMs, 0.95).toFixed(1)} ms; ` +
      `reference signature median ${quantile(signatureCpuMs, 0.5).toFixed(1)} ms; ` +
      `frame fingerprint median ${quantile(fingerprintCpuMs, 0.5).toFixed(1)} ms`,
  );
  await mainThreadBlock(blockSamples);
}

type Analyse = (reference: ViewSignature, frame: Buffer) => Promise<[ViewAssessment, string]>;

/**
 * Main-thread block per check: `busy` is the event loop's active time during the check (its
 * synchronous work: the pixel loops in this thread, or posting and receiving through the pool;
 * wall time, so a loaded machine inflates it), `longest stall` the longest a 1 ms timer waited
 * during a second run of the same check (what a camera push would wait; the machine's own noise
 * is in it too: compare with the pool's figure), `CPU` the whole process's, every thread. Then
 * 4 checks at a time, as VIEW_CHECK_CONCURRENCY's default runs them.
 */
async function mainThreadBlock(samples: { reference: ViewSignature; frame: Buffer }[]): Promise<void> {
  const inProcess: Analyse = (reference, frame) =>
    Promise.all([assessView(reference, frame), frameFingerprint(frame)]);
  const pool = await ViewAnalysisPool.start({ workers: 1, queueLimit: 16, jobTimeoutMs: 60_000 });
  try {
    const pooled: Analyse = (reference, frame) =>
      Promise.all([pool.assess(reference, frame), pool.fingerprint(frame)]);
    console.log(
      `\nmain-thread block per check (assessView + frameFingerprint, ${samples.length} checks; event-loop busy time, longest stall, process CPU):`,
    );
    for (const [label, analyse] of [
      ['in the main thread', inProcess],
      ['ViewAnalysisPool, 1 worker', pooled],
    ] as const) {
      for (const warmUp of samples.slice(0, 1)) await analyse(warmUp.reference, warmUp.frame);
      const one = await measure(samples.map((s) => () => analyse(s.reference, s.frame)));
      const four = await measure(
        chunks(samples, 4).map((group) => () => Promise.all(group.map((s) => analyse(s.reference, s.frame)))),
      );
      console.log(
        `  ${label.padEnd(27)} one at a time: busy median ${q(one.busy, 0.5)} ms, p95 ${q(one.busy, 0.95)} ms; ` +
          `longest stall median ${q(one.stall, 0.5)} ms, max ${q(one.stall, 1)} ms; CPU median ${q(one.cpu, 0.5)} ms` +
          ` | 4 at a time: busy median ${q(four.busy, 0.5)} ms, longest stall max ${q(four.stall, 1)} ms`,
      );
    }
  } finally {
    await pool.close();
  }
}

async function measure(
  runs: (() => Promise<unknown>)[],
): Promise<{ busy: number[]; stall: number[]; cpu: number[] }> {
  const figures = { busy: [] as number[], stall: [] as number[], cpu: [] as number[] };
  for (const run of runs) {
    // Busy time and CPU without the delay probe: its 1 ms timer keeps the loop out of its idle wait.
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    await run();
    figures.cpu.push(cpuMs(cpu));
    figures.busy.push(performance.eventLoopUtilization(elu).active);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    await run();
    delay.disable();
    figures.stall.push(delay.count > 0 ? delay.max / 1e6 : 0);
  }
  return figures;
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const q = (values: number[], at: number) => quantile(values, at).toFixed(1);

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
