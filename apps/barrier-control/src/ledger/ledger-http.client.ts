/** Why a ledger lookup gave no answer; the label of the `barrier_ledger_unavailable_total` metric. */
export type LedgerFailure = 'timeout' | 'unreachable' | 'server-error' | 'invalid-response';

export class LedgerUnavailableError extends Error {
  constructor(
    readonly failure: LedgerFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerUnavailableError';
  }
}

/** A JSON body, or `not-found` for a 404 (no such vehicle, no plan filed). */
export type LedgerResponse = { readonly found: true; readonly body: unknown } | { readonly found: false };

/**
 * GETs JSON from the ledger's API with a timeout. Anything but 200 and 404 is "unavailable": the
 * caller applies its fail-safe instead of guessing from a half answer.
 */
export class LedgerHttpClient {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** `segments` are URL-encoded here (plates carry Chinese characters). */
  async get(enterpriseId: string, ...segments: string[]): Promise<LedgerResponse> {
    const path = [enterpriseId, ...segments].map(encodeURIComponent).join('/');
    const url = `${this.baseUrl}/api/v1/enterprises/${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (caught) {
      // A DOMException, not always an `Error` of this realm: compare the name only.
      const timedOut = (caught as { name?: unknown } | null)?.name === 'TimeoutError';
      throw new LedgerUnavailableError(
        timedOut ? 'timeout' : 'unreachable',
        timedOut
          ? `ledger did not answer within ${this.timeoutMs} ms`
          : `ledger unreachable: ${String(caught)}`,
      );
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return { found: false };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new LedgerUnavailableError('server-error', `ledger answered ${response.status} for ${url}`);
    }
    try {
      return { found: true, body: await response.json() };
    } catch {
      throw new LedgerUnavailableError('invalid-response', `ledger sent a body that is not JSON for ${url}`);
    }
  }
}
