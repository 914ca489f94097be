import { judgeRefresh } from './refresh-family';

const now = new Date('2026-06-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const session = (overrides: Partial<{ revokedAt: Date | null; lastSeenAt: Date; expiresAt: Date }> = {}) => ({
  revokedAt: null,
  lastSeenAt: ago(10),
  expiresAt: new Date(now.getTime() + 3600_000),
  ...overrides,
});

describe('judgeRefresh', () => {
  it('rotates an unused token of a live session', () => {
    expect(judgeRefresh({ found: true, usedAt: null, session: session() }, 1800, now).kind).toBe('rotate');
  });

  it('treats a second use as reuse (the family ends)', () => {
    expect(judgeRefresh({ found: true, usedAt: ago(5), session: session() }, 1800, now).kind).toBe('reuse');
  });

  it('refuses tokens of revoked, idle or expired sessions, and unknown tokens', () => {
    expect(
      judgeRefresh({ found: true, usedAt: null, session: session({ revokedAt: ago(1) }) }, 1800, now).kind,
    ).toBe('revoked');
    expect(
      judgeRefresh({ found: true, usedAt: null, session: session({ lastSeenAt: ago(1801) }) }, 1800, now)
        .kind,
    ).toBe('idle');
    expect(
      judgeRefresh({ found: true, usedAt: null, session: session({ expiresAt: ago(1) }) }, 1800, now).kind,
    ).toBe('expired');
    expect(judgeRefresh({ found: false, usedAt: null }, 1800, now).kind).toBe('unknown');
  });

  it('reports a revoked family before a reuse (nothing left to revoke)', () => {
    expect(
      judgeRefresh({ found: true, usedAt: ago(5), session: session({ revokedAt: ago(1) }) }, 1800, now).kind,
    ).toBe('revoked');
  });
});
