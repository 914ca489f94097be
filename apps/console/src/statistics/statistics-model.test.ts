import { dailyStages, districts, summary } from './test-fixtures';
import {
  cleanShare,
  dailyMatrix,
  dailyOption,
  dailyRows,
  daysOf,
  districtMatrix,
  districtOption,
  percent,
  periodFrom,
  shareRows,
  sharesOption,
  STAGE_COLOURS,
} from './statistics-model';

const label = (bucket: string) => `L:${bucket}`;

describe('the period', () => {
  it('defaults to the last 30 local days ending today', () => {
    expect(periodFrom(undefined, undefined, '2026-12-07')).toEqual({ from: '2026-11-08', to: '2026-12-07' });
  });

  it('keeps a valid range from the URL and drops one the ledger would refuse', () => {
    expect(periodFrom('2026-01-01', '2026-03-31', '2026-12-07')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(periodFrom('2026-03-31', '2026-01-01', '2026-12-07').to).toBe('2026-12-07');
    expect(periodFrom('2025-01-01', '2026-03-31', '2026-12-07').from).toBe('2026-11-08');
    expect(periodFrom('yesterday', '2026-03-31', '2026-12-07').from).toBe('2026-11-08');
  });

  it('lists every day, both ends included, across a month end', () => {
    expect(daysOf('2026-11-29', '2026-12-02')).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
  });
});

describe('stage shares', () => {
  it('keeps the non-zero buckets in stage order, unknown last', () => {
    expect(shareRows(summary.stageShares, 'trips')).toEqual([
      { bucket: 'IV', value: 2, share: 0.2 },
      { bucket: 'V', value: 6, share: 0.6 },
      { bucket: 'electric', value: 1, share: 0.1 },
      { bucket: 'unknown', value: 1, share: 0.1 },
    ]);
    expect(shareRows(summary.stageShares, 'tonnes')).toEqual([
      { bucket: 'IV', value: 30, share: 0.2 },
      { bucket: 'V', value: 120, share: 0.8 },
    ]);
  });

  it('draws one slice per row in the stage colours', () => {
    const option = sharesOption(shareRows(summary.stageShares, 'tonnes'), 'by tonnes', label);
    const [series] = option.series as {
      type: string;
      data: { name: string; value: number; itemStyle: { color: string } }[];
    }[];
    expect(series?.type).toBe('pie');
    expect(series?.data).toEqual([
      { name: 'L:IV', value: 30, itemStyle: { color: STAGE_COLOURS.IV } },
      { name: 'L:V', value: 120, itemStyle: { color: STAGE_COLOURS.V } },
    ]);
  });
});

describe('trips per day by stage', () => {
  const matrix = dailyMatrix(dailyStages, '2026-12-01', '2026-12-03');

  it('gives every day of the period a column, zero where the ledger has no row', () => {
    expect(matrix.days).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(matrix.buckets).toEqual(['IV', 'V', 'electric', 'unknown']);
    expect(matrix.counts.V).toEqual([1, 0, 5]);
    expect(matrix.counts.IV).toEqual([2, 0, 0]);
  });

  it('stacks one bar series per stage', () => {
    const option = dailyOption(matrix, label);
    expect((option.xAxis as { data: string[] }).data).toEqual(['12-01', '12-02', '12-03']);
    expect(option.series).toEqual([
      {
        type: 'bar',
        stack: 'stages',
        barMaxWidth: 48,
        name: 'L:IV',
        itemStyle: { color: STAGE_COLOURS.IV },
        data: [2, 0, 0],
      },
      {
        type: 'bar',
        stack: 'stages',
        barMaxWidth: 48,
        name: 'L:V',
        itemStyle: { color: STAGE_COLOURS.V },
        data: [1, 0, 5],
      },
      {
        type: 'bar',
        stack: 'stages',
        barMaxWidth: 48,
        name: 'L:electric',
        itemStyle: { color: STAGE_COLOURS.electric },
        data: [0, 0, 1],
      },
      {
        type: 'bar',
        stack: 'stages',
        barMaxWidth: 48,
        name: 'L:unknown',
        itemStyle: { color: STAGE_COLOURS.unknown },
        data: [0, 0, 1],
      },
    ]);
  });

  it('gives the table a row per day with its total', () => {
    expect(dailyRows(matrix)).toEqual([
      { day: '2026-12-01', total: 3, counts: { IV: 2, V: 1, electric: 0, unknown: 0 } },
      { day: '2026-12-02', total: 0, counts: { IV: 0, V: 0, electric: 0, unknown: 0 } },
      { day: '2026-12-03', total: 7, counts: { IV: 0, V: 5, electric: 1, unknown: 1 } },
    ]);
  });

  it('ignores rows outside the period', () => {
    expect(
      dailyMatrix([{ day: '2026-11-30', stage: 'V', count: 4 }], '2026-12-01', '2026-12-01').buckets,
    ).toEqual([]);
  });
});

it('writes shares as percentages, and nothing to divide as a dash', () => {
  expect(percent(0.875)).toBe('87.5%');
  expect(percent(1)).toBe('100.0%');
  expect(percent(null)).toBe('—');
});

describe('the city by district', () => {
  it("stacks each district's trips by stage, with the buckets any district has", () => {
    const matrix = districtMatrix(districts);
    expect(matrix.districts).toEqual(['130102', '130104']);
    expect(matrix.buckets).toEqual(['IV', 'V', 'electric', 'unknown']);
    expect(matrix.counts.V).toEqual([12, 0]);
    const option = districtOption(matrix, label);
    expect((option.xAxis as { data: string[] }).data).toEqual(['130102', '130104']);
    expect((option.series as { name: string; data: number[] }[]).map((s) => [s.name, s.data])).toEqual([
      ['L:IV', [4, 0]],
      ['L:V', [12, 0]],
      ['L:electric', [2, 0]],
      ['L:unknown', [2, 0]],
    ]);
  });

  it('reads one clean-transport share, null when nothing was driven', () => {
    expect(cleanShare(summary.cleanTransport, 'v-plus')).toBe(0.7);
    expect(cleanShare(summary.cleanTransport, 'v-plus', 'byTonnes')).toBe(0.8);
    expect(cleanShare([], 'vi-plus')).toBeNull();
  });
});
