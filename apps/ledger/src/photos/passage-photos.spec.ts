import { photoCacheSeconds } from './passage-photos.service';

describe('photo links', () => {
  it.each([1, 60, 300, 3600])('are cached for less than a %i-second link lives', (ttl) => {
    expect(photoCacheSeconds(ttl)).toBeLessThan(ttl);
    expect(photoCacheSeconds(ttl)).toBeGreaterThanOrEqual(0);
  });

  it('keep a minute of a five-minute link', () => {
    expect(photoCacheSeconds(300)).toBe(240);
  });
});
