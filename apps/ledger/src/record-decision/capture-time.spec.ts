import { boundCaptureTime } from './capture-time';

describe('boundCaptureTime', () => {
  const receivedAt = new Date('2026-03-10T08:00:00.000Z');
  const bounds = { maxPastMs: 86_400_000, maxFutureMs: 300_000 };
  const at = (iso: string) => boundCaptureTime(new Date(iso), receivedAt, bounds);

  it('believes a camera within the bounds', () => {
    expect(at('2026-03-10T07:59:58.000Z')).toEqual({
      at: new Date('2026-03-10T07:59:58.000Z'),
      driftMs: null,
    });
    expect(at('2026-03-09T08:00:00.000Z')).toEqual({
      at: new Date('2026-03-09T08:00:00.000Z'),
      driftMs: null,
    });
    expect(at('2026-03-10T08:05:00.000Z')).toEqual({
      at: new Date('2026-03-10T08:05:00.000Z'),
      driftMs: null,
    });
  });

  it('records a camera clock of 2000 at receipt time and keeps its drift', () => {
    const bounded = at('2000-01-01T00:00:00.000Z');
    expect(bounded.at).toEqual(receivedAt);
    expect(bounded.driftMs).toBe(Date.parse('2000-01-01T00:00:00.000Z') - receivedAt.getTime());
    expect(new Date(bounded.at.getTime() + bounded.driftMs!).toISOString()).toBe('2000-01-01T00:00:00.000Z');
  });

  it('refuses a capture just past either bound', () => {
    expect(at('2026-03-09T07:59:59.999Z')).toEqual({ at: receivedAt, driftMs: -86_400_001 });
    expect(at('2026-03-10T08:05:00.001Z')).toEqual({ at: receivedAt, driftMs: 300_001 });
    expect(at('2099-01-01T00:00:00.000Z').at).toEqual(receivedAt);
  });

  it('defaults to a week behind and five minutes ahead', () => {
    const sixDays = new Date(receivedAt.getTime() - 6 * 86_400_000);
    expect(boundCaptureTime(sixDays, receivedAt).driftMs).toBeNull();
    expect(
      boundCaptureTime(new Date(receivedAt.getTime() - 8 * 86_400_000), receivedAt).driftMs,
    ).not.toBeNull();
    expect(boundCaptureTime(new Date(receivedAt.getTime() + 600_000), receivedAt).driftMs).toBe(600_000);
  });
});
