import { isIsoDate, isValidInstant, siteDateOf, siteDateTimeOf } from './calendar-date';

describe('calendar dates', () => {
  it.each<[unknown, boolean]>([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['20240101', false],
    ['2024-01-01T00:00:00Z', false],
    [20240101, false],
    [undefined, false],
  ])('%p is an ISO date: %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each<[string, number | undefined, string]>([
    ['2024-01-01T15:59:59Z', undefined, '2024-01-01'],
    ['2024-01-01T16:00:00Z', undefined, '2024-01-02'],
    ['2024-12-31T16:00:00Z', 480, '2025-01-01'],
    ['2024-01-01T00:30:00Z', -60, '2023-12-31'],
  ])('%s at offset %p is site day %s', (instant, offset, expected) => {
    expect(siteDateOf(new Date(instant), offset)).toBe(expected);
  });

  it('gives the wall-clock fields in Shanghai', () => {
    expect(siteDateTimeOf(new Date('2024-07-01T23:04:05Z'))).toEqual({
      year: 2024,
      month: 7,
      day: 2,
      hour: 7,
      minute: 4,
      second: 5,
    });
  });

  it.each<[unknown, boolean]>([
    [new Date(0), true],
    [new Date('nope'), false],
    ['2024-01-01', false],
  ])('%p is a valid instant: %s', (value, expected) => {
    expect(isValidInstant(value)).toBe(expected);
  });
});
