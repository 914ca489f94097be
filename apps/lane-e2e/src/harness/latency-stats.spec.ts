import { percentile, summarise, table } from './latency-stats';

describe('latency statistics of bench:gate', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises with the count of arrivals that never opened', () => {
    expect(summarise([30, 10, 20], 2)).toEqual({ n: 3, missed: 2, p50: 20, p95: 30, p99: 30, max: 30 });
  });

  it('prints aligned columns', () => {
    expect(
      table(
        ['path', 'p50'],
        [
          ['camera', '12.0'],
          ['server', '340.5'],
        ],
      ),
    ).toBe(['path   |   p50', '-------|------', 'camera |  12.0', 'server | 340.5'].join('\n'));
  });
});
