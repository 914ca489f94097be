import {
  authorizationHeader,
  STAGE_LOOKUP_PATH,
  type StageLookupCredentials,
  stageLookupResponseSchema,
} from '@ecogate/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchWithin, isTimeout, NoAnswerError } from '../peer-http/fetch-within';
import {
  type StageLookup,
  type StageLookupAnswer,
  type StageLookupFailure,
  type StageLookupKey,
} from './stage-lookup';

type Unavailable = Extract<StageLookupAnswer, { result: 'unavailable' }>;

export interface HttpStageLookupOptions {
  readonly url: string;
  readonly credentials: StageLookupCredentials;
  readonly timeoutMs: number;
  readonly ratePerMinute: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** Seconds (`Retry-After: 7`) or an HTTP date; 1 s when missing or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number {
  if (header === null) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - nowMs);
}

/**
 * The reference protocol over HTTP (HTTPS in production): `POST {url}/api/v1/stage-lookups`.
 * Paced to the city's quota (one request per `60 000 / ratePerMinute` ms), and after a 429 it
 * sends nothing until the source's `Retry-After` has passed, for any vehicle. The credentials go
 * in the `Authorization` header only; no message here carries them.
 */
export class HttpStageLookup implements StageLookup {
  private nextSlotMs = 0;
  /** Until when the source asked for quiet (its last `Retry-After`). */
  private quietUntilMs = 0;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: HttpStageLookupOptions) {
    this.fetch = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  async lookup(key: StageLookupKey): Promise<StageLookupAnswer> {
    const quietMs = this.quietUntilMs - this.now();
    if (quietMs > 0) {
      // Not sent at all: the source's Retry-After covers every vehicle, not only the one refused.
      return {
        ...this.unavailable('rate-limited', 'the source asked for quiet (Retry-After)'),
        retryAfterMs: quietMs,
      };
    }
    await this.waitForSlot();
    const body = key.kind === 'vin' ? { vin: key.value } : { disclosureNumber: key.value };
    const endpoint = `${this.options.url}${STAGE_LOOKUP_PATH}`;
    let response: Response;
    try {
      response = await fetchWithin(
        endpoint,
        {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/json',
            authorization: authorizationHeader(this.options.credentials),
          },
          body: JSON.stringify(body),
        },
        this.options.timeoutMs,
        this.fetch,
      );
    } catch (error) {
      if (error instanceof NoAnswerError) return this.unavailable(error.kind, error.message);
      throw error;
    }
    if (response.status === 429) {
      await response.body?.cancel();
      const waitMs = retryAfterMs(response.headers.get('retry-after'), this.now());
      this.quietUntilMs = this.now() + waitMs;
      return {
        ...this.unavailable('rate-limited', `${endpoint} rate-limited the city`),
        retryAfterMs: waitMs,
      };
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      return this.unavailable(
        'unauthorized',
        `${endpoint} refused the city's credentials (${response.status}): check LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE`,
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      return this.unavailable('server-error', `${endpoint} answered ${response.status}`);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      return this.unavailable(
        isTimeout(error) ? 'timeout' : 'invalid-response',
        `${endpoint} sent no readable JSON`,
      );
    }
    const parsed = stageLookupResponseSchema.safeParse(json);
    if (!parsed.success)
      return this.unavailable('invalid-response', `${endpoint} answered outside the protocol`);
    const answeredAt = new Date(parsed.data.answeredAt);
    switch (parsed.data.result) {
      case 'found':
        return { result: 'found', record: parsed.data.record, answeredAt };
      case 'conflict':
        return { result: 'conflict', records: parsed.data.records, answeredAt };
      case 'not-found':
        return { result: 'not-found', answeredAt };
    }
  }

  private unavailable(failure: StageLookupFailure, message: string): Unavailable {
    return { result: 'unavailable', failure, message };
  }

  /** One request per slot; callers queue behind each other (a single follower per replica). */
  private async waitForSlot(): Promise<void> {
    const gapMs = 60_000 / this.options.ratePerMinute;
    const now = this.now();
    const slot = Math.max(now, this.nextSlotMs);
    this.nextSlotMs = slot + gapMs;
    if (slot > now) await sleep(slot - now);
  }
}
