import { alertIntervals, placeWindows, samplePassages, seededRandom } from './sampling';

const at = (iso: string) => new Date(iso);
const MONTH = { from: at('2026-03-01T00:00:00+08:00'), until: at('2026-04-01T00:00:00+08:00') };
const ids = Array.from({ length: 500 }, (_, i) => `p-${i}`);

describe('seededRandom', () => {
  it('repeats its sequence for a seed and changes it with the seed', () => {
    const draw = (seed: string) => {
      const random = seededRandom(seed);
      return Array.from({ length: 20 }, () => random.next(1_000_000));
    };
    expect(draw('insp-1')).toEqual(draw('insp-1'));
    expect(draw('insp-1')).not.toEqual(draw('insp-2'));
  });

  it('draws within [0, n) and reaches every value of a small range about evenly', () => {
    const random = seededRandom('uniform');
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 70_000; i += 1) {
      const value = random.next(7);
      counts[value] = (counts[value] ?? 0) + 1;
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(70_000);
    // Each of 7 values expects 10 000; ±5 % is over 12 standard deviations away.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('refuses a bound it cannot draw from', () => {
    expect(() => seededRandom('x').next(0)).toThrow(RangeError);
    expect(() => seededRandom('x').next(1.5)).toThrow(RangeError);
  });
});

describe('samplePassages', () => {
  it('draws the same distinct passages for the same seed, and others for another seed', () => {
    const a = samplePassages(ids, 10, seededRandom('s1'));
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    a.forEach((id) => expect(ids).toContain(id));
    expect(samplePassages(ids, 10, seededRandom('s1'))).toEqual(a);
    expect(samplePassages(ids, 10, seededRandom('s2'))).not.toEqual(a);
  });

  it('returns every passage when the period has fewer than asked, and none of an empty period', () => {
    expect(samplePassages(ids.slice(0, 3), 8, seededRandom('s')).sort()).toEqual(['p-0', 'p-1', 'p-2']);
    expect(samplePassages([], 8, seededRandom('s'))).toEqual([]);
  });

  it('gives each passage about the same chance (uniform over the period)', () => {
    const hits = new Map<string, number>();
    const random = seededRandom('fair');
    const pool = ids.slice(0, 20);
    for (let round = 0; round < 4_000; round += 1) {
      for (const id of samplePassages(pool, 5, random)) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    // 4 000 × 5 / 20 = 1 000 expected each; ±15 % is far outside chance.
    for (const id of pool) expect(Math.abs((hits.get(id) ?? 0) - 1_000)).toBeLessThan(150);
  });
});

describe('alertIntervals', () => {
  it('keeps the spans of any level but none, merges touching ones and clips them to the period', () => {
    const history = [
      { level: 'orange', setAt: at('2026-02-27T10:00:00+08:00') },
      { level: 'none', setAt: at('2026-03-02T00:00:00+08:00') },
      { level: 'red', setAt: at('2026-03-10T08:00:00+08:00') },
      { level: 'orange', setAt: at('2026-03-11T08:00:00+08:00') },
      { level: 'none', setAt: at('2026-03-12T20:00:00+08:00') },
      { level: 'yellow', setAt: at('2026-03-31T23:00:00+08:00') },
    ];
    expect(alertIntervals([...history].reverse(), MONTH)).toEqual([
      { from: MONTH.from, until: at('2026-03-02T00:00:00+08:00') },
      { from: at('2026-03-10T08:00:00+08:00'), until: at('2026-03-12T20:00:00+08:00') },
      { from: at('2026-03-31T23:00:00+08:00'), until: MONTH.until },
    ]);
  });

  it('is empty without alerts', () => {
    expect(alertIntervals([], MONTH)).toEqual([]);
    expect(alertIntervals([{ level: 'none', setAt: at('2026-03-05T00:00:00Z') }], MONTH)).toEqual([]);
  });
});

describe('placeWindows', () => {
  const alert = { from: at('2026-03-10T08:00:00+08:00'), until: at('2026-03-10T12:00:00+08:00') };

  it('places non-overlapping whole-minute windows inside the alert periods, reproducibly', () => {
    const placed = placeWindows(MONTH, [alert], 3, 10, seededRandom('w'));
    expect(placed.placement).toBe('alert');
    expect(placed.windows).toHaveLength(3);
    for (const w of placed.windows) {
      expect(w.until.getTime() - w.from.getTime()).toBe(10 * 60_000);
      expect(w.from.getTime() % 60_000).toBe(0);
      expect(w.from.getTime()).toBeGreaterThanOrEqual(alert.from.getTime());
      expect(w.until.getTime()).toBeLessThanOrEqual(alert.until.getTime());
    }
    const [a, b, c] = [...placed.windows].sort((x, y) => x.from.getTime() - y.from.getTime());
    expect(a && b && a.until <= b.from && c && b.until <= c.from).toBe(true);
    expect(placeWindows(MONTH, [alert], 3, 10, seededRandom('w'))).toEqual(placed);
    expect(placeWindows(MONTH, [alert], 3, 10, seededRandom('other')).windows).not.toEqual(placed.windows);
  });

  it('ignores alert spans too short for a window and falls back to the whole period without alerts', () => {
    const blip = { from: at('2026-03-05T08:00:00+08:00'), until: at('2026-03-05T08:04:00+08:00') };
    for (const alerts of [[], [blip]]) {
      const placed = placeWindows(MONTH, alerts, 2, 5, seededRandom('none'));
      expect(placed.placement).toBe('period');
      expect(placed.windows).toHaveLength(2);
      for (const w of placed.windows) {
        expect(w.from.getTime()).toBeGreaterThanOrEqual(MONTH.from.getTime());
        expect(w.until.getTime()).toBeLessThanOrEqual(MONTH.until.getTime());
      }
    }
  });

  it('returns fewer windows only when no more fit', () => {
    const tight = { from: at('2026-03-10T08:00:00+08:00'), until: at('2026-03-10T08:20:00+08:00') };
    const placed = placeWindows(MONTH, [tight], 3, 10, seededRandom('tight'));
    expect(placed.placement).toBe('alert');
    expect(placed.windows.length).toBeGreaterThanOrEqual(1);
    expect(placed.windows.length).toBeLessThanOrEqual(2);
  });
});
