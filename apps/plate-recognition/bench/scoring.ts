import { type PlateRead, type ReviewReason } from '@ecogate/lpr';
import { type PlateTruth } from './sample-set';

/** Levenshtein distance over code points; `?` in the truth matches any one character. */
export function distance(truth: string, read: string): number {
  const a = Array.from(truth);
  const b = Array.from(read);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === '?' || a[i - 1] === b[j - 1];
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (same ? 0 : 1)),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export const isExact = (truth: string, read: string) =>
  distance(truth, read) === 0 && Array.from(truth).length === Array.from(read).length;

export interface ScoredPlate {
  readonly truth: PlateTruth;
  readonly read?: PlateRead;
}

/**
 * Pairs labelled plates with reads, closest first, one to one. A read further than half the
 * plate's length from every label is an extra (a sign, an ignored or unlabelled plate).
 */
export function matchReads(
  truths: readonly PlateTruth[],
  reads: readonly PlateRead[],
): { scored: ScoredPlate[]; extras: PlateRead[] } {
  const pairs: { t: number; r: number; d: number }[] = [];
  truths.forEach((truth, t) =>
    reads.forEach((read, r) => {
      const d = distance(truth.text, read.text);
      if (d <= Math.max(2, Math.ceil(Array.from(truth.text).length / 2))) pairs.push({ t, r, d });
    }),
  );
  pairs.sort((x, y) => x.d - y.d);
  const byTruth = new Map<number, number>();
  const usedReads = new Set<number>();
  for (const p of pairs) {
    if (byTruth.has(p.t) || usedReads.has(p.r)) continue;
    byTruth.set(p.t, p.r);
    usedReads.add(p.r);
  }
  return {
    scored: truths.map((truth, t) => {
      const r = byTruth.get(t);
      return r === undefined ? { truth } : { truth, read: reads[r] };
    }),
    extras: reads.filter((_, r) => !usedReads.has(r)),
  };
}

export interface Metrics {
  readonly plates: number;
  readonly exact: number;
  readonly chars: number;
  readonly charsRight: number;
  readonly colourKnown: number;
  readonly colourRight: number;
  readonly doubleRow: number;
  readonly doubleRowExact: number;
  readonly trusted: number;
  readonly trustedWrong: number;
  /** Trusted reads that match no labelled plate (signs, unlabelled or ignored plates). */
  readonly trustedExtras: number;
  readonly extras: number;
  readonly ignored: number;
  readonly wrongTrustedExamples: readonly string[];
}

export function score(
  items: readonly {
    scored: readonly ScoredPlate[];
    extras: readonly PlateRead[];
    ignore: number;
    file: string;
  }[],
): Metrics {
  const m = {
    plates: 0,
    exact: 0,
    chars: 0,
    charsRight: 0,
    colourKnown: 0,
    colourRight: 0,
    doubleRow: 0,
    doubleRowExact: 0,
    trusted: 0,
    trustedWrong: 0,
    trustedExtras: 0,
    extras: 0,
    ignored: 0,
    wrongTrustedExamples: [] as string[],
  };
  for (const item of items) {
    m.ignored += item.ignore;
    m.extras += item.extras.length;
    m.trustedExtras += item.extras.filter((r) => r.verdict === 'trusted').length;
    for (const { truth, read } of item.scored) {
      const length = Array.from(truth.text).length;
      const exact = !!read && isExact(truth.text, read.text);
      m.plates++;
      m.chars += length;
      m.charsRight += read ? Math.max(0, length - distance(truth.text, read.text)) : 0;
      if (exact) m.exact++;
      if (truth.rows === 2) {
        m.doubleRow++;
        if (exact) m.doubleRowExact++;
      }
      if (truth.colour && read) {
        m.colourKnown++;
        if (read.colour === truth.colour) m.colourRight++;
      }
      if (read?.verdict === 'trusted') {
        m.trusted++;
        if (!exact) {
          m.trustedWrong++;
          m.wrongTrustedExamples.push(`${item.file}: ${truth.text} read ${read.text}`);
        }
      }
    }
  }
  return m;
}

/** The reasons a sweep over the two calibrated thresholds leaves untouched. */
const SWEPT: readonly ReviewReason[] = ['low-confidence', 'too-small'];

/** Trusted and wrong-trusted counts if the gate used `minConfidence` and `minWidth` instead. */
export function sweepGate(
  scored: readonly ScoredPlate[],
  minConfidence: number,
  minWidth: number,
): { trusted: number; wrong: number } {
  let trusted = 0;
  let wrong = 0;
  for (const { truth, read } of scored) {
    if (!read) continue;
    const otherDoubts = read.reviewReasons.some((r) => !SWEPT.includes(r));
    if (otherDoubts || read.confidence < minConfidence || read.widthPx < minWidth) continue;
    trusted++;
    if (!isExact(truth.text, read.text)) wrong++;
  }
  return { trusted, wrong };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
