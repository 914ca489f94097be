import { type ServiceToken } from '@ecogate/auth';
import { knownPlatesSchema } from '@ecogate/contracts';
import { type KnownPlatesFetcher } from './known-plates-cache';

export interface LedgerKnownPlatesOptions {
  /** The ledger's base URL (`LEDGER_URL`). */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly token: Pick<ServiceToken, 'header'>;
}

/**
 * `GET /api/v1/enterprises/{enterpriseId}/known-plates?siteId=` as plate recognition (its own
 * service token). Anything but a 200 on the contract is an error: the cache keeps its last list.
 */
export class LedgerKnownPlates implements KnownPlatesFetcher {
  private readonly baseUrl: string;

  constructor(
    private readonly options: LedgerKnownPlatesOptions,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async fetch(enterpriseId: string, siteId: string): Promise<readonly string[]> {
    const url =
      `${this.baseUrl}/api/v1/enterprises/${encodeURIComponent(enterpriseId)}/known-plates` +
      `?siteId=${encodeURIComponent(siteId)}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        headers: { accept: 'application/json', authorization: await this.options.token.header() },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (caught) {
      const timedOut = (caught as { name?: unknown } | null)?.name === 'TimeoutError';
      throw new Error(
        timedOut
          ? `the ledger did not answer within ${this.options.timeoutMs} ms (${url})`
          : `the ledger is unreachable (${url}): ${String(caught)}`,
      );
    }
    const text = await response.text();
    if (response.status !== 200) {
      const hint =
        response.status === 401 || response.status === 403
          ? ": check the ledger's AUTH_SERVICE_KEYS_FILE holds plate-recognition's key"
          : '';
      throw new Error(
        `the ledger answered ${response.status} for ${url}${hint} ${text.slice(0, 200)}`.trim(),
      );
    }
    const parsed = knownPlatesSchema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new Error(
        `the ledger's known plates are off the contract: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    }
    if (parsed.data.enterpriseId !== enterpriseId || parsed.data.siteId !== siteId) {
      throw new Error(`the ledger answered the known plates of another site (${url})`);
    }
    return parsed.data.plates;
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
