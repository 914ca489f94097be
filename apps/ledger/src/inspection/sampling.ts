import { createHash } from 'node:crypto';

/**
 * The inspection sample, reproducible from its seed (issue #16). Pure: the same seed and the same
 * ledger (passage ids in capture order, alert history) always give the same sample.
 *
 * Algorithm:
 * 1. The PRNG is xoshiro128** seeded with the first 16 bytes of SHA-256(seed) (any text seed,
 *    well mixed; 2^128 − 1 period), drawing integers in [0, n) by rejection (no modulo bias).
 * 2. Passages: a partial Fisher–Yates shuffle of the period's passage ids (ordered by capture
 *    time, then id) picks `count` of them without replacement, each equally likely.
 * 3. Windows: the candidate starts are the whole minutes `s` with [s, s + length) inside an
 *    alert interval (inside the period when no alert interval is long enough); one is drawn
 *    uniformly, and a draw overlapping a window already placed is drawn again (at most
 *    `MAX_WINDOW_DRAWS` draws, so fewer windows come back only when they cannot fit).
 */

const MINUTE_MS = 60_000;
export const MAX_WINDOW_DRAWS = 1_000;

/** A seeded PRNG: `next(n)` is an integer in [0, n). */
export interface SeededRandom {
  next(n: number): number;
}

export function seededRandom(seed: string): SeededRandom {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  const s = Uint32Array.from([0, 4, 8, 12].map((offset) => digest.readUInt32LE(offset)));
  if (s.every((word) => word === 0)) s[0] = 1; // xoshiro's one forbidden state
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1] ?? 0, 5) >>> 0, 7), 9) >>> 0;
    const t = ((s[1] ?? 0) << 9) >>> 0;
    s[2] = (s[2] ?? 0) ^ (s[0] ?? 0);
    s[3] = (s[3] ?? 0) ^ (s[1] ?? 0);
    s[1] = (s[1] ?? 0) ^ (s[2] ?? 0);
    s[0] = (s[0] ?? 0) ^ (s[3] ?? 0);
    s[2] = (s[2] ?? 0) ^ t;
    s[3] = rotl(s[3] ?? 0, 11);
    return result;
  };
  return {
    next(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32)
        throw new RangeError(`next(${n}): n must be in 1…2^32`);
      // Rejection keeps every value equally likely: draw below the largest multiple of n.
      const limit = 2 ** 32 - (2 ** 32 % n);
      for (;;) {
        const value = nextUint32();
        if (value < limit) return value % n;
      }
    },
  };
}

/** `count` distinct items of `items` (all of them when there are fewer), in draw order. */
export function samplePassages<T>(items: readonly T[], count: number, random: SeededRandom): T[] {
  const pool = [...items];
  const take = Math.min(count, pool.length);
  for (let i = 0; i < take; i += 1) {
    const j = i + random.next(pool.length - i);
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, take);
}

/** A half-open instant interval [from, until). */
export interface Interval {
  readonly from: Date;
  readonly until: Date;
}

/** One change of the alert level (`alert_levels`): the level in force from `setAt` until the next. */
export interface AlertChange {
  readonly level: string;
  readonly setAt: Date;
}

/**
 * The intervals of `period` during which an alert (any level but `none`) was in force, from the
 * level history in any order. The level set before the period counts from its start.
 */
export function alertIntervals(history: readonly AlertChange[], period: Interval): Interval[] {
  const changes = [...history].sort((a, b) => a.setAt.getTime() - b.setAt.getTime());
  const intervals: Interval[] = [];
  changes.forEach((change, i) => {
    if (change.level === 'none') return;
    const from = Math.max(change.setAt.getTime(), period.from.getTime());
    const until = Math.min(changes[i + 1]?.setAt.getTime() ?? Infinity, period.until.getTime());
    if (from >= until) return;
    const last = intervals[intervals.length - 1];
    // Orange followed by red is one alert: merge touching intervals.
    if (last && last.until.getTime() === from)
      intervals[intervals.length - 1] = { from: last.from, until: new Date(until) };
    else intervals.push({ from: new Date(from), until: new Date(until) });
  });
  return intervals;
}

export interface WindowPlacement {
  /** `alert`: every window lies in an alert interval; `period`: no alert interval was long enough. */
  readonly placement: 'alert' | 'period';
  /** In draw order. */
  readonly windows: Interval[];
}

/** Whole-minute starts of a window of `minutes` inside `interval`: [first, first + count). */
function startSlots(interval: Interval, minutes: number): { first: number; count: number } {
  const first = Math.ceil(interval.from.getTime() / MINUTE_MS);
  const last = Math.floor(interval.until.getTime() / MINUTE_MS) - minutes;
  return { first, count: Math.max(0, last - first + 1) };
}

/** The `index`-th start minute over the slots laid end to end. */
function minuteAt(slots: readonly { first: number; count: number }[], index: number): number {
  let rest = index;
  for (const slot of slots) {
    if (rest < slot.count) return slot.first + rest;
    rest -= slot.count;
  }
  throw new RangeError(`slot ${index} is past the last one`);
}

/** `count` non-overlapping windows of `minutes`, in the alert intervals when they can hold one. */
export function placeWindows(
  period: Interval,
  alerts: readonly Interval[],
  count: number,
  minutes: number,
  random: SeededRandom,
): WindowPlacement {
  const alertSlots = alerts.map((interval) => startSlots(interval, minutes)).filter((slot) => slot.count > 0);
  const placement = alertSlots.length > 0 ? 'alert' : 'period';
  const slots = placement === 'alert' ? alertSlots : [startSlots(period, minutes)].filter((s) => s.count > 0);
  const total = slots.reduce((sum, slot) => sum + slot.count, 0);
  const windows: Interval[] = [];
  for (let draw = 0; total > 0 && windows.length < count && draw < MAX_WINDOW_DRAWS; draw += 1) {
    const from = minuteAt(slots, random.next(total)) * MINUTE_MS;
    const until = from + minutes * MINUTE_MS;
    if (windows.some((w) => from < w.until.getTime() && w.from.getTime() < until)) continue;
    windows.push({ from: new Date(from), until: new Date(until) });
  }
  return { placement, windows };
}
