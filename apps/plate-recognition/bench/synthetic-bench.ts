import {
  createPlateEngine,
  InProcessRunner,
  type LprConfig,
  PlatePipeline,
  type PlateRead,
  PlateReader,
  silentLogger,
  warmUp,
} from '@ecogate/lpr';
import { PLATE_FAMILIES, type SyntheticPlateLabel, syntheticPlates } from '@ecogate/lpr/testing';
import { matchReads, type Metrics, percentile, score, type ScoredPlate } from './scoring';

export interface SyntheticBenchOptions {
  readonly count: number;
  readonly seed: number;
  readonly sceneDir: string;
}

/** One scored synthetic photo: what the scoring code wants, and the label to group it by. */
interface SyntheticItem {
  readonly label: SyntheticPlateLabel;
  readonly file: string;
  readonly scored: readonly ScoredPlate[];
  readonly extras: readonly PlateRead[];
  readonly ignore: number;
}

/** The plate widths the gate finds hard (docs/plate-recognition.md). */
const SMALL_PX = 60;

/** The groups the synthetic set is reported in: all, the issue's hard kinds, then each family. */
function groups(): readonly (readonly [string, (label: SyntheticPlateLabel) => boolean])[] {
  return [
    ['all', () => true],
    ['double-row', (l) => l.rows === 2],
    [`small < ${SMALL_PX} px`, (l) => l.widthPx < SMALL_PX],
    ['night', (l) => l.conditions.includes('night')],
    ['glare', (l) => l.conditions.includes('glare')],
    ['blur', (l) => l.conditions.includes('blur')],
    ['noise', (l) => l.conditions.includes('noise')],
    ['angled', (l) => l.conditions.includes('angled')],
    ...PLATE_FAMILIES.map((family) => [family, (l: SyntheticPlateLabel) => l.family === family] as const),
  ];
}

const pct = (n: number, d: number) => (d === 0 ? '    –' : `${((100 * n) / d).toFixed(1)}%`.padStart(6));
const cell = (n: number, d: number) => `${`${n}/${d}`.padStart(10)} ${pct(n, d)}`;

function printGroups(items: readonly SyntheticItem[]): void {
  console.log(
    `  ${'group'.padEnd(22)}${'exact'.padStart(17)}${'auto-pass'.padStart(17)}${'trusted'.padStart(9)}` +
      `${'wrong'.padStart(7)}${'colour'.padStart(17)}${'characters'.padStart(17)}`,
  );
  for (const [name, inGroup] of groups()) {
    const m: Metrics = score(items.filter((i) => inGroup(i.label)));
    if (m.plates === 0) continue;
    console.log(
      `  ${name.padEnd(22)}${cell(m.exact, m.plates)}${cell(m.trusted - m.trustedWrong, m.plates)}` +
        `${`${m.trusted}`.padStart(9)}${`${m.trustedWrong}`.padStart(7)}` +
        `${cell(m.colourRight, m.colourKnown)}${cell(m.charsRight, m.chars)}`,
    );
  }
}

/**
 * Reads `count` generated plates (one per scene photo, made on the fly from `seed`) with the
 * engine `config` describes, and prints their scores apart from the real samples': overall, per
 * hard kind (double-row, small, night, …) and per plate family. The same scoring code as the
 * real scenes (exact = every character; auto-pass = trusted and right / all plates).
 */
export async function benchSyntheticSet(config: LprConfig, options: SyntheticBenchOptions): Promise<void> {
  const engine = await createPlateEngine(config.engine, silentLogger);
  const items: SyntheticItem[] = [];
  const times: number[] = [];
  try {
    await warmUp(engine);
    const reader = new PlateReader(
      new InProcessRunner(new PlatePipeline(engine, config.pipeline)),
      config.gate,
    );
    for await (const plate of syntheticPlates(options)) {
      const result = await reader.read(plate.jpeg, 'scene');
      if ('timings' in result) times.push(result.timings.totalMs);
      const reads = result.kind === 'plates' ? result.plates : [];
      const { text, colour, rows } = plate.label;
      items.push({
        label: plate.label,
        file: plate.file,
        ignore: 0,
        ...matchReads([{ text, colour, rows }], reads),
      });
    }
  } finally {
    await engine.release();
  }
  const all = score(items);
  const doubleRow = items.filter((i) => i.label.rows === 2).length;
  console.log(
    `\n=== Synthetic set: ${items.length} generated plates (${doubleRow} double-row), seed ${options.seed}, ` +
      `placed in the scenes of ${options.sceneDir}`,
  );
  console.log(
    "    Rendered with Noto Sans CJK, not the plates' own font: a check of the mechanics, not of real-world accuracy.",
  );
  printGroups(items);
  console.log(
    `  extra detections: ${all.extras} (trusted: ${all.trustedExtras}) — mostly the scenes' own plates, which carry no label here`,
  );
  if (all.wrongTrustedExamples.length > 0) {
    const shown = all.wrongTrustedExamples.slice(0, 12);
    console.log(`  wrong trusted reads (${all.wrongTrustedExamples.length}): ${shown.join('; ')}`);
  }
  console.log(
    `  pipeline total per image (ms, default threads): p50 ${percentile(times, 50).toFixed(1)}, p95 ${percentile(times, 95).toFixed(1)}`,
  );
}
