import {
  ageParts,
  nextCursor,
  PAGE_SIZE,
  percent,
  rateSummary,
  type RecordSummary,
  rePushReason,
} from './upload-data';

describe('upload figures', () => {
  it('sums the transmission rate over the days and names the days below 95 %', () => {
    expect(
      rateSummary([
        { day: '2026-11-29', produced: 100, acknowledged: 100, rate: 1 },
        { day: '2026-11-30', produced: 200, acknowledged: 180, rate: 0.9 },
        { day: '2026-12-01', produced: 0, acknowledged: 0, rate: 1 },
      ]),
    ).toEqual({ produced: 300, acknowledged: 280, rate: 280 / 300, daysBelow: ['2026-11-30'] });
    expect(rateSummary([])).toEqual({ produced: 0, acknowledged: 0, rate: 1, daysBelow: [] });
  });

  it('never shows 100 % while a record is missing', () => {
    expect(percent(9999 / 10000)).toBe(99.9);
    expect(percent(1)).toBe(100);
    expect(percent(0.95)).toBe(95);
  });

  it('says how long the oldest record waited in its two largest units', () => {
    expect(ageParts(59)).toEqual({ unit: 'minutes', a: 0, b: 0 });
    expect(ageParts(3 * 3600 + 7 * 60 + 5)).toEqual({ unit: 'hours', a: 3, b: 7 });
    expect(ageParts(2 * 86400 + 5 * 3600)).toEqual({ unit: 'days', a: 2, b: 5 });
  });

  it('takes the next cursor from a full page only', () => {
    const page = (n: number) => Array.from({ length: n }, (_, i) => ({ serial: `s-${i}` }) as RecordSummary);
    expect(nextCursor(page(PAGE_SIZE))).toBe(`s-${PAGE_SIZE - 1}`);
    expect(nextCursor(page(PAGE_SIZE - 1))).toBeUndefined();
    expect(nextCursor([])).toBeUndefined();
  });

  it('requires a re-push reason, trimmed, at most 500 characters', () => {
    expect(rePushReason(undefined)).toEqual({ problem: 'missing' });
    expect(rePushReason('   ')).toEqual({ problem: 'missing' });
    expect(rePushReason('补'.repeat(501))).toEqual({ problem: 'long' });
    expect(rePushReason(' 省平台故障后补传 ')).toEqual({ reason: '省平台故障后补传' });
  });
});
