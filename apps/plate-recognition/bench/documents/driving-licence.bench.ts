/**
 * `npm run bench:documents -- --only driving-licence [--photos N --seed S]`
 *
 * The 行驶证 reader on generated licence photos (fixed seed): per condition (straight, angled,
 * blurred, dark, small, turned a quarter or half turn) and field, how many reads are right, wrong
 * or unreadable, and the time per photo on one core (onnxruntime with one thread, in-process:
 * decode + detection + recognition).
 */
import { type DrivingLicenceRead } from '@ecogate/contracts';
import {
  DrivingLicenceReader,
  LICENCE_FIELDS,
  type LicenceField,
  loadDrivingLicenceEngine,
} from '@ecogate/document-reading';
import {
  generateLicenceTruth,
  type LicenceTruth,
  type PhotoConditions,
  photograph,
  renderLicencePage,
} from '@ecogate/document-reading/testing';
import { silentLogger } from '@ecogate/lpr';

/** The photographs every run takes, the same for a given seed. */
export const LICENCE_CONDITIONS: Readonly<Record<string, (index: number) => PhotoConditions>> = {
  straight: () => ({}),
  angled: (i) => ({ rotationDeg: i % 2 === 0 ? 18 : -15, tilt: 0.25 }),
  blurred: () => ({ blurSigma: 2.4 }),
  dark: () => ({ brightness: 0.22, shadow: 0.5, noiseSigma: 12, jpegQuality: 60 }),
  small: () => ({ scale: 0.35 }),
  turned: (i) => ({ rotationDeg: [90, 180, -90][i % 3] ?? 90 }),
};

export interface FieldTally {
  right: number;
  wrong: number;
  unreadable: number;
  /** Wrong reads the reader was at least 90% sure of: the ones a hurried person would confirm. */
  wrongConfident: number;
}

export interface ConditionResult {
  readonly condition: string;
  readonly photos: number;
  readonly found: number;
  readonly fields: Record<LicenceField, FieldTally>;
  readonly msPerPhoto: { readonly p50: number; readonly p95: number; readonly mean: number };
  /** CPU time of the process per photo (all its threads: onnxruntime runs on one): what a busy machine does not inflate. */
  readonly cpuMsPerPhoto: number;
}

const truthOf = (truth: LicenceTruth): Record<LicenceField, string> => ({
  plate: truth.plate,
  vehicleType: truth.vehicleType,
  vin: truth.vin,
  engineNo: truth.engineNo,
  registrationDate: truth.registrationDate,
});

export function scoreRead(
  read: DrivingLicenceRead,
  truth: LicenceTruth,
  tally: Record<LicenceField, FieldTally>,
): void {
  const expected = truthOf(truth);
  for (const field of LICENCE_FIELDS) {
    const got = read.fields[field];
    const counts = tally[field];
    if (!got) counts.unreadable++;
    else if (got.value === expected[field]) counts.right++;
    else {
      counts.wrong++;
      if (got.confidence >= 0.9) counts.wrongConfident++;
    }
  }
}

export async function runDrivingLicenceBench(options: {
  photos: number;
  seed: number;
}): Promise<ConditionResult[]> {
  const engine = await loadDrivingLicenceEngine({ sha256: {}, intraOpNumThreads: 1 }, silentLogger);
  const reader = new DrivingLicenceReader(engine, { maxInputPixels: 40_000_000, decodeTimeoutSeconds: 30 });
  try {
    // One untimed read: onnxruntime's first run allocates.
    await reader.read(await photograph(await renderLicencePage(generateLicenceTruth(options.seed)), {}, 1));
    const results: ConditionResult[] = [];
    for (const [condition, conditionsAt] of Object.entries(LICENCE_CONDITIONS)) {
      const fields = Object.fromEntries(
        LICENCE_FIELDS.map((f) => [f, { right: 0, wrong: 0, unreadable: 0, wrongConfident: 0 }]),
      ) as Record<LicenceField, FieldTally>;
      const times: number[] = [];
      let cpuMicros = 0;
      let found = 0;
      for (let i = 0; i < options.photos; i++) {
        const seed = options.seed + i;
        const truth = generateLicenceTruth(seed);
        const photo = await photograph(await renderLicencePage(truth), conditionsAt(i), seed);
        const started = performance.now();
        const cpu = process.cpuUsage();
        const outcome = await reader.read(photo);
        const used = process.cpuUsage(cpu);
        cpuMicros += used.user + used.system;
        times.push(performance.now() - started);
        if (outcome.kind !== 'read') throw new Error(`${condition} #${i}: ${outcome.message}`);
        if (outcome.read.found) found++;
        scoreRead(outcome.read, truth, fields);
      }
      const sorted = [...times].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
      results.push({
        condition,
        photos: options.photos,
        found,
        fields,
        msPerPhoto: { p50: at(0.5), p95: at(0.95), mean: times.reduce((s, t) => s + t, 0) / times.length },
        cpuMsPerPhoto: cpuMicros / 1000 / options.photos,
      });
    }
    return results;
  } finally {
    await engine.release();
  }
}

/** A table: one line per condition, right/wrong/unreadable per field (wrong ≥0.9 confident in brackets). */
export function formatDrivingLicenceBench(results: readonly ConditionResult[]): string {
  const header = ['condition', 'found', ...LICENCE_FIELDS, 'ms/photo p50 / p95', 'CPU ms/photo'];
  const rows = results.map((r) => [
    r.condition,
    `${r.found}/${r.photos}`,
    ...LICENCE_FIELDS.map((f) => {
      const t = r.fields[f];
      return `${t.right}/${t.wrong}${t.wrongConfident ? `(${t.wrongConfident})` : ''}/${t.unreadable}`;
    }),
    `${Math.round(r.msPerPhoto.p50)} / ${Math.round(r.msPerPhoto.p95)}`,
    String(Math.round(r.cpuMsPerPhoto)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [
    '行驶证 reader: fields right/wrong(of them ≥0.9 confident)/unreadable per condition',
    line(header),
    ...rows.map(line),
  ].join('\n');
}
