/**
 * `npm run bench:documents [-- --photos N --seed S --only inventory-list]`
 *
 * The 随车清单 QR reader on generated list photos (fixed seed): per condition (straight, angled,
 * blurred, dark, small), how many disclosure numbers and VINs are right, wrong or unreadable, which
 * attempt found the code, and the time per photo on one thread (decode + every attempt needed).
 */
import { type InventoryListRead } from '@ecogate/contracts';
import {
  INVENTORY_LIST_FIELDS,
  type InventoryListField,
  QR_ATTEMPTS,
  type QrAttempt,
  readInventoryList,
} from '@ecogate/document-reading';
import {
  INVENTORY_LIST_CONDITIONS,
  type InventoryListSample,
  inventoryListSamples,
  samplePhoto,
} from '@ecogate/document-reading/testing';

export interface Tally {
  right: number;
  wrong: number;
  unreadable: number;
}

export interface InventoryListConditionResult {
  readonly condition: string;
  readonly photos: number;
  readonly found: number;
  readonly fields: Record<InventoryListField, Tally>;
  /** Which attempt found the code, over the photos whose code was found. */
  readonly attempts: Partial<Record<QrAttempt, number>>;
  readonly msPerPhoto: { readonly p50: number; readonly p95: number; readonly mean: number };
}

/** Scores one read against its sample: a field absent (or the code not found) is unreadable. */
export function scoreInventoryListRead(
  read: InventoryListRead,
  sample: InventoryListSample,
  tally: Record<InventoryListField, Tally>,
): void {
  for (const field of INVENTORY_LIST_FIELDS) {
    const got = read.found ? read[field] : undefined;
    if (got === undefined) tally[field].unreadable++;
    else if (got === sample[field]) tally[field].right++;
    else tally[field].wrong++;
  }
}

export async function runInventoryListBench(options: {
  photos: number;
  seed: number;
}): Promise<InventoryListConditionResult[]> {
  const samples = inventoryListSamples(options.photos, options.seed);
  // One untimed read: the wasm module is instantiated on first use.
  const first = samples[0];
  if (first) await readInventoryList(await samplePhoto(first));
  const results: InventoryListConditionResult[] = [];
  for (const condition of INVENTORY_LIST_CONDITIONS) {
    const fields = Object.fromEntries(
      INVENTORY_LIST_FIELDS.map((f) => [f, { right: 0, wrong: 0, unreadable: 0 }]),
    ) as Record<InventoryListField, Tally>;
    const attempts: Partial<Record<QrAttempt, number>> = {};
    const times: number[] = [];
    let found = 0;
    for (const sample of samples.filter((s) => s.condition === condition)) {
      const photo = await samplePhoto(sample);
      const started = performance.now();
      const outcome = await readInventoryList(photo);
      times.push(performance.now() - started);
      if (outcome.kind !== 'read') throw new Error(`${condition}: ${outcome.message}`);
      if (outcome.read.found) found++;
      if (outcome.attempt) attempts[outcome.attempt] = (attempts[outcome.attempt] ?? 0) + 1;
      scoreInventoryListRead(outcome.read, sample, fields);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    results.push({
      condition,
      photos: times.length,
      found,
      fields,
      attempts,
      msPerPhoto: { p50: at(0.5), p95: at(0.95), mean: times.reduce((s, t) => s + t, 0) / times.length },
    });
  }
  return results;
}

/** A table: one line per condition, right/wrong/unreadable per field, the attempts that found the code. */
export function formatInventoryListBench(results: readonly InventoryListConditionResult[]): string {
  const header = ['condition', 'found', ...INVENTORY_LIST_FIELDS, 'found by', 'ms/photo p50 / p95'];
  const rows = results.map((r) => [
    r.condition,
    `${r.found}/${r.photos}`,
    ...INVENTORY_LIST_FIELDS.map(
      (f) => `${r.fields[f].right}/${r.fields[f].wrong}/${r.fields[f].unreadable}`,
    ),
    QR_ATTEMPTS.filter((a) => r.attempts[a])
      .map((a) => `${a} ${r.attempts[a]}`)
      .join(', ') || '–',
    `${Math.round(r.msPerPhoto.p50)} / ${Math.round(r.msPerPhoto.p95)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [
    '随车清单 QR reader: fields right/wrong/unreadable per condition',
    line(header),
    ...rows.map(line),
  ].join('\n');
}
