/**
 * `npx tsx --tsconfig apps/plate-recognition/tsconfig.json apps/plate-recognition/bench/calibrate-width.ts [dir]`
 *
 * Calibrates the minimum plate width: every labelled scene is shrunk so that its plates come out
 * 24…96 px wide, read with the width gate off, and each width band shows how many reads would
 * have been trusted and how many of those were wrong. The gate's width goes just above the
 * widest band that still lets a wrong read through.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import {
  createPlateEngine,
  InProcessRunner,
  lprConfig,
  PlatePipeline,
  PlateReader,
  silentLogger,
  warmUp,
} from '@ecogate/lpr';
import { loadSampleSet } from './sample-set';
import { isExact, matchReads } from './scoring';

const TARGET_WIDTHS = [24, 30, 36, 42, 48, 54, 60, 72, 96];

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? join(repoRoot(), '..', 'shared', 'samples', 'plates'));
  const config = lprConfig.load();
  const engine = await createPlateEngine(config.engine, silentLogger);
  await warmUp(engine);
  const reader = new PlateReader(new InProcessRunner(new PlatePipeline(engine, config.pipeline)), {
    ...config.gate,
    minPlateWidthPx: 0,
  });
  const bands = new Map<
    number,
    { reads: number; exact: number; trusted: number; trustedWrong: number; examples: string[] }
  >();
  for (const scene of loadSampleSet(dir).scenes) {
    const full = await reader.read(scene.bytes);
    if (full.kind !== 'plates') continue;
    const { scored } = matchReads(scene.plates, full.plates);
    const meta = await sharp(scene.bytes).metadata();
    for (const { truth, read } of scored) {
      // Calibrate only on plates read right at full size, so that a wrong read is due to size.
      if (!read || !isExact(truth.text, read.text) || !meta.width) continue;
      for (const target of TARGET_WIDTHS.filter((w) => w < read.widthPx)) {
        const scale = target / read.widthPx;
        const small = await sharp(scene.bytes)
          .resize(Math.max(1, Math.round(meta.width * scale)))
          .png()
          .toBuffer();
        const result = await reader.read(small);
        const again =
          result.kind === 'plates' ? matchReads([truth], result.plates).scored[0]?.read : undefined;
        const band = bands.get(target) ?? { reads: 0, exact: 0, trusted: 0, trustedWrong: 0, examples: [] };
        band.reads++;
        if (again && isExact(truth.text, again.text)) band.exact++;
        if (again?.verdict === 'trusted') {
          band.trusted++;
          if (!isExact(truth.text, again.text)) {
            band.trustedWrong++;
            band.examples.push(`${truth.text}→${again.text}`);
          }
        }
        bands.set(target, band);
      }
    }
  }
  await engine.release();
  console.log('plate width px   plates   exact   trusted   trusted but wrong');
  for (const w of TARGET_WIDTHS) {
    const b = bands.get(w);
    if (!b) continue;
    console.log(
      `${String(w).padStart(8)}       ${String(b.reads).padStart(6)}  ${String(b.exact).padStart(6)}  ${String(b.trusted).padStart(8)}  ${String(b.trustedWrong).padStart(8)}  ${b.examples.join(' ')}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
