import { type Principal, TokenRejected, type TokenVerifier } from '@ecogate/auth';

/**
 * Remembers tokens this process has already verified, until shortly before they expire: a
 * session sends the same access token for minutes, and its signature does not change. Liveness
 * (logout, idle, disable) is still checked on every request by the session store.
 */
export class VerifiedTokens {
  private readonly known = new Map<string, { principal: Principal; expiresAt: number }>();

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly maxEntries = 10_000,
  ) {}

  /** The principal, or undefined for a token the verifier refuses. */
  async principalOf(token: string, now = Date.now()): Promise<Principal | undefined> {
    const cached = this.known.get(token);
    if (cached && cached.expiresAt > now) return cached.principal;
    this.known.delete(token);
    let principal: Principal;
    try {
      principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenRejected) return undefined;
      throw error;
    }
    const exp = expiryOf(token);
    if (exp !== undefined) {
      if (this.known.size >= this.maxEntries) this.known.delete(this.known.keys().next().value as string);
      this.known.set(token, { principal, expiresAt: exp - 5_000 });
    }
    return principal;
  }
}

/** `exp` of a token whose signature was just verified, in ms. */
function expiryOf(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
