/**
 * Nonces seen recently, per app. A nonce must be remembered while a request carrying it could
 * still pass the timestamp check: its timestamp may be up to one window ahead of the clock, so
 * entries live for two windows. Bounded: past `maxEntries` the oldest are forgotten first.
 */
export class NonceCache {
  #seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** Records the nonce; false when it was already seen within its lifetime (a replay). */
  remember(appId: string, nonce: string, nowMs: number): boolean {
    const key = `${appId}\n${nonce}`;
    const expiresAt = this.#seen.get(key);
    if (expiresAt !== undefined && expiresAt > nowMs) return false;
    this.#seen.delete(key);
    this.#seen.set(key, nowMs + this.ttlMs);
    if (this.#seen.size > this.maxEntries) this.#prune(nowMs);
    return true;
  }

  #prune(nowMs: number): void {
    for (const [key, expiresAt] of this.#seen) {
      if (expiresAt <= nowMs || this.#seen.size > this.maxEntries) this.#seen.delete(key);
      else break;
    }
  }
}
