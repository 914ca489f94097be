import { episodeSeconds, formatSeconds, tamperQuery } from './tamper-episodes';

describe('tamper episodes', () => {
  const now = new Date('2026-12-07T12:00:00Z');

  it('asks for the last days up to now, for one camera when one is picked', () => {
    expect(tamperQuery(7, now)).toEqual({ from: '2026-11-30T12:00:00.000Z', to: '2026-12-07T12:00:00.000Z' });
    expect(tamperQuery(30, now, 'cam-1')).toMatchObject({
      from: '2026-11-07T12:00:00.000Z',
      cameraId: 'cam-1',
    });
  });

  it('measures an episode, an open one up to now', () => {
    expect(episodeSeconds({ startedAt: '2026-12-07T09:00:00Z', endedAt: '2026-12-07T10:30:00Z' }, now)).toBe(
      5400,
    );
    expect(episodeSeconds({ startedAt: '2026-12-07T11:00:00Z', endedAt: null }, now)).toBe(3600);
  });

  it('reads durations in hours and minutes', () => {
    expect(formatSeconds(30)).toBe('< 1 min');
    expect(formatSeconds(720)).toBe('12 min');
    expect(formatSeconds(7200)).toBe('2 h');
    expect(formatSeconds(7500)).toBe('2 h 5 min');
  });
});
