import { type ServiceToken } from '@ecogate/auth';
import { type Logger } from '@ecogate/telemetry';

/**
 * Why a ledger lookup gave no answer; the label of the `barrier_ledger_unavailable_total` metric.
 * `refused` (401/403) is a configuration error, not an outage: the ledger does not trust
 * barrier-control's key, or its policy does not admit this route.
 */
export type LedgerFailure = 'timeout' | 'unreachable' | 'server-error' | 'invalid-response' | 'refused';

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
 * GETs JSON from the ledger's API with a timeout, as barrier-control (its own service token).
 * Anything but 200 and 404 is "unavailable": the caller applies its fail-safe instead of guessing
 * from a half answer.
 */
export class LedgerHttpClient {
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
    private readonly token: Pick<ServiceToken, 'header'>,
    private readonly log: Logger,
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
        headers: { accept: 'application/json', authorization: await this.token.header() },
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
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      // Not an outage: every lookup will fail the same way until someone fixes the keys or policy.
      this.log.error(
        { status: response.status, url, failure: 'refused' },
        `ledger refused barrier-control's token (${response.status}): a configuration error, not an outage. ` +
          "Check the ledger's AUTH_SERVICE_KEYS_FILE holds barrier-control's public key (kid barrier-control), " +
          "this service's SERVICE_SIGNING_KEY_FILE, and the ledger's policy for this route",
      );
      throw new LedgerUnavailableError(
        'refused',
        `ledger refused the service token (${response.status}) for ${url}`,
      );
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
