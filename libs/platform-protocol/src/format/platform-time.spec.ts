import {
  formatPlatformDate,
  formatPlatformDateTime,
  parsePlatformDate,
  parsePlatformDateTime,
  roundTonnes,
} from './platform-time';

describe('platform time (China Standard Time)', () => {
  it('formats an instant as yyyyMMdd HHmmss at UTC+8, crossing midnight', () => {
    const instant = new Date('2024-01-15T16:30:05.900Z');
    expect(formatPlatformDateTime(instant)).toBe('20240116 003005');
    expect(formatPlatformDate(instant)).toBe('20240116');
  });

  it('parses back to the same instant', () => {
    expect(parsePlatformDateTime('20240116 003005')?.toISOString()).toBe('2024-01-15T16:30:05.000Z');
    expect(parsePlatformDate('20240116')?.toISOString()).toBe('2024-01-15T16:00:00.000Z');
  });

  it.each([
    '20240230 083000',
    '20241301 083000',
    '20240115 240000',
    '20240115 086000',
    '2024-01-15 08:30:00',
    '20240115083000',
    '20240115 08300',
  ])('rejects %p', (text) => {
    expect(parsePlatformDateTime(text)).toBeUndefined();
  });

  it('accepts 29 February only in a leap year', () => {
    expect(parsePlatformDate('20240229')).toBeDefined();
    expect(parsePlatformDate('20230229')).toBeUndefined();
  });

  it('rounds tonnes to one decimal', () => {
    expect(roundTonnes(32.449)).toBe(32.4);
    expect(roundTonnes(32.45)).toBe(32.5);
    expect(roundTonnes(1.15)).toBe(1.2);
  });
});
