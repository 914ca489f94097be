/**
 * bench:lpr's "known plates" section: the same photos read with and without what a site knows
 * (`settleWithKnownPlates`), to show what the rules gain and what they risk:
 * - registered: every labelled plate is in the registry, among 2 000 other plates;
 * - a neighbour registered: none of them is, but for each one a plate one character away is (any
 *   correction there is wrong by construction: the risk of the rule);
 * - a province prior (the set's most common province), nothing registered.
 */
import { isProvince, KnownPlates, PROVINCES, type Province } from '@ecogate/domain';
import { seededRandom } from '@ecogate/lpr/testing';
import {
  createPlateEngine,
  InProcessRunner,
  type LprConfig,
  PlatePipeline,
  type PlateRead,
  PlateReader,
  type RecognitionResult,
  silentLogger,
  type SiteKnowledge,
} from '@ecogate/lpr';
import { type SampleSet } from './sample-set';
import { matchReads, type Metrics, score } from './scoring';

const OTHER_PLATES = 2_000;
const SEED = 20_260_901;
const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

type Scenario = { readonly name: string; readonly site: SiteKnowledge | undefined };

export async function printKnownPlateScenarios(config: LprConfig, set: SampleSet): Promise<void> {
  const truths = [...set.scenes.flatMap((s) => s.plates), ...set.crops.map((c) => c.truth)]
    .map((t) => t.text)
    .filter((text) => !text.includes('?'));
  const random = seededRandom(SEED);
  const others = Array.from({ length: OTHER_PLATES }, () => randomPlate(random));
  const scenarios: Scenario[] = [
    { name: 'nothing known (today)', site: undefined },
    { name: 'registered', site: { known: new KnownPlates([...truths, ...others]) } },
    {
      name: 'a neighbour registered',
      site: { known: new KnownPlates([...truths.map((t) => neighbourOf(t, random)), ...others]) },
    },
    {
      name: `province prior ${commonestProvince(truths)}`,
      site: { known: new KnownPlates(others), provincePrior: commonestProvince(truths) },
    },
  ];

  const engine = await createPlateEngine(config.engine, silentLogger);
  try {
    const reader = new PlateReader(
      new InProcessRunner(new PlatePipeline(engine, config.pipeline)),
      config.gate,
    );
    console.log(
      `\nKnown plates (${OTHER_PLATES} other plates registered; scenes | crops)` +
        `\n  ${'scenario'.padEnd(28)}${'trusted & right / all'.padEnd(26)}${'trusted wrong'.padEnd(16)}settled by the site`,
    );
    for (const { name, site } of scenarios) {
      const read = async (bytes: Buffer, mode: 'scene' | 'crop') =>
        platesOf(await reader.read(bytes, mode, site));
      const scenes = await Promise.all(
        set.scenes.map(async (s) => ({
          ...matchReads(s.plates, await read(s.bytes, 'scene')),
          ignore: s.ignore,
          file: s.file,
        })),
      );
      const crops = await Promise.all(
        set.crops.map(async (c) => ({
          ...matchReads([c.truth], await read(c.bytes, 'crop')),
          ignore: 0,
          file: c.file,
        })),
      );
      const [sm, cm] = [score(scenes), score(crops)];
      const settled = [...scenes, ...crops].flatMap((i) => i.scored).filter((p) => p.read?.settledBy).length;
      console.log(
        `  ${name.padEnd(28)}${`${autoPass(sm)} | ${autoPass(cm)}`.padEnd(26)}${`${sm.trustedWrong} | ${cm.trustedWrong}`.padEnd(16)}${settled}`,
      );
      for (const example of [...sm.wrongTrustedExamples, ...cm.wrongTrustedExamples].slice(0, 5))
        console.log(`      wrong: ${example}`);
    }
  } finally {
    await engine.release();
  }
}

const platesOf = (result: RecognitionResult): readonly PlateRead[] =>
  result.kind === 'plates' ? result.plates : [];

const autoPass = (m: Metrics) => `${m.trusted - m.trustedWrong}/${m.plates}`;

const pick = (chars: string | readonly string[], random: () => number): string =>
  chars[Math.floor(random() * chars.length)] ?? '';

function randomPlate(random: () => number): string {
  const tail = Array.from({ length: 5 }, () => pick(random() < 0.7 ? DIGITS : LETTERS, random)).join('');
  return `${pick(PROVINCES, random)}${pick(LETTERS, random)}${tail}`;
}

/** The plate with one character replaced by another of its kind (a province, a letter or a digit). */
function neighbourOf(plate: string, random: () => number): string {
  const chars = Array.from(plate);
  const position = Math.floor(random() * chars.length);
  const original = chars[position] ?? '';
  const pool = isProvince(original)
    ? PROVINCES.filter((p) => p !== original)
    : DIGITS.includes(original)
      ? DIGITS.replace(original, '')
      : LETTERS.includes(original)
        ? LETTERS.replace(original, '')
        : undefined;
  if (pool === undefined) return neighbourOf(plate, random); // a 警/港/学 suffix: choose another position
  chars[position] = pick(pool, random);
  return chars.join('');
}

function commonestProvince(plates: readonly string[]): Province {
  const counts = new Map<Province, number>();
  for (const plate of plates) {
    const first = Array.from(plate)[0] ?? '';
    if (isProvince(first)) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '京';
}
