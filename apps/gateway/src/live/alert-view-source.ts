import { type AlertView, type AlertViewQuery, alertViewSchema } from '@ecogate/contracts';

/** Reads the ledger's alert view as the caller (their gateway token): the ledger scopes it. */
export type AlertViewSource = (token: string, query: AlertViewQuery) => Promise<AlertView>;

/** A read the ledger did not answer with a view: the stream skips the tick (or refuses to open). */
export class AlertViewUnavailable extends Error {
  override readonly name = 'AlertViewUnavailable';
}

/** `GET <ledger>/api/v1/alert-view` with the caller's bearer token, its answer checked against the contract. */
export function ledgerAlertViewSource(ledgerUrl: string, timeoutMs = 10_000): AlertViewSource {
  return async (token, query) => {
    const url = new URL('/api/v1/alert-view', ledgerUrl);
    if (query.districtCode) url.searchParams.set('districtCode', query.districtCode);
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new AlertViewUnavailable(`the ledger did not answer: ${(error as Error).message}`);
    }
    if (response.status !== 200) throw new AlertViewUnavailable(`the ledger answered ${response.status}`);
    const parsed = alertViewSchema.safeParse(await response.json());
    if (!parsed.success) throw new AlertViewUnavailable('the ledger answered a view outside the contract');
    return parsed.data;
  };
}
