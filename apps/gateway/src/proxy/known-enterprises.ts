/**
 * "Is this enterprise registered and active?", asked on every proxied call that names one, so the
 * answer is kept a short while: a new enterprise is reachable within `ttlMs`, a deactivated one
 * refused within the same time.
 */
export class KnownEnterprises {
  private readonly answers = new Map<string, { readonly exists: boolean; readonly until: number }>();

  constructor(
    private readonly lookup: (enterpriseId: string) => Promise<boolean>,
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
  ) {}

  async exists(enterpriseId: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.answers.get(enterpriseId);
    if (cached && cached.until > now) return cached.exists;
    const exists = await this.lookup(enterpriseId);
    if (this.answers.size >= this.maxEntries) this.answers.clear();
    this.answers.set(enterpriseId, { exists, until: now + this.ttlMs });
    return exists;
  }
}
