/** What the store knows of a presented refresh token and its session (the family). */
export interface PresentedRefresh {
  readonly found: boolean;
  readonly usedAt: Date | null;
  readonly session?: {
    readonly revokedAt: Date | null;
    readonly lastSeenAt: Date;
    readonly expiresAt: Date;
  };
}

export type RefreshVerdict =
  | { readonly kind: 'rotate' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'reuse' }
  | { readonly kind: 'idle' }
  | { readonly kind: 'expired' };

/**
 * One rule for a refresh: a token is good once. A second use means it was copied (the thief or
 * the owner used it after the other), so the whole family — the session — ends (`reuse`).
 * A live, unused token of a session within its idle and absolute limits is rotated.
 */
export function judgeRefresh(presented: PresentedRefresh, idleSeconds: number, now: Date): RefreshVerdict {
  if (!presented.found || !presented.session) return { kind: 'unknown' };
  const { session } = presented;
  if (session.revokedAt) return { kind: 'revoked' };
  if (presented.usedAt) return { kind: 'reuse' };
  if (session.expiresAt.getTime() <= now.getTime()) return { kind: 'expired' };
  if (now.getTime() - session.lastSeenAt.getTime() > idleSeconds * 1000) return { kind: 'idle' };
  return { kind: 'rotate' };
}
