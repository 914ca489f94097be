import { formatLedgerDate, formatLedgerTimestamp } from './ledger-time-format';

describe('ledger time formats (domain.md §2: yyyyMMdd HHmmss in the site’s zone)', () => {
  it.each<[string, number | undefined, string]>([
    ['2024-03-05T01:02:03Z', undefined, '20240305 090203'],
    ['2024-12-31T16:00:00Z', undefined, '20250101 000000'],
    ['2024-06-30T23:59:59.999Z', 480, '20240701 075959'],
    ['2024-01-01T00:00:00Z', 0, '20240101 000000'],
    ['2024-01-01T00:00:00Z', -300, '20231231 190000'],
  ])('%s at offset %p → %s', (instant, offset, expected) => {
    expect(formatLedgerTimestamp(new Date(instant), offset)).toBe(expected);
  });

  it('gives nothing for an invalid instant', () => {
    expect(formatLedgerTimestamp(new Date('nope'))).toBeUndefined();
  });

  it.each<[string, string | undefined]>([
    ['2021-08-15', '20210815'],
    ['2021-02-30', undefined],
    ['20210815', undefined],
  ])('date %s → %p', (date, expected) => {
    expect(formatLedgerDate(date)).toBe(expected);
  });
});
