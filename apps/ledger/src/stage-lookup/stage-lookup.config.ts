import { readFileSync } from 'node:fs';
import { ConfigError, positiveInt, url } from '@ecogate/config';
import { type StageLookupCredentials, stageLookupCredentialsSchema } from '@ecogate/contracts';
import { z } from 'zod';

/** The city's stage-lookup source (docs/stage-lookup.md); unset URL: the lookup is off. */
export const stageLookupEnv = {
  /** The source's base URL (HTTPS in production); unset: no lookups, the API says the lookup is off. */
  LEDGER_STAGE_LOOKUP_URL: url(['http', 'https']).optional(),
  /** The city's credentials with the source (JSON: `{"token"}` or `{"apiKey","apiSecret"}`), a mounted secret. */
  LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE: z.string().min(1).optional(),
  /** Each lookup's time limit; past it the lookup is retried, never taken as "not found". */
  LEDGER_STAGE_LOOKUP_TIMEOUT_MS: positiveInt(10_000),
  /** Lookups per minute this ledger sends at most (the source's quota for the city). */
  LEDGER_STAGE_LOOKUP_RATE_PER_MIN: positiveInt(60),
  /** How long a found or conflicting answer is used without asking again. */
  LEDGER_STAGE_LOOKUP_TTL_S: positiveInt(30 * 86_400),
  /** How long "not found" is used: shorter, a vehicle's record may appear later. */
  LEDGER_STAGE_LOOKUP_NOT_FOUND_TTL_S: positiveInt(86_400),
};

export interface StageLookupConfig {
  readonly url: string;
  readonly credentials: StageLookupCredentials;
  readonly timeoutMs: number;
  readonly ratePerMinute: number;
  readonly ttlMs: number;
  readonly notFoundTtlMs: number;
}

function readCredentials(path: string): StageLookupCredentials {
  try {
    return stageLookupCredentialsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    // Names the file and what is wrong with its shape, never its content.
    const reason =
      error instanceof z.ZodError
        ? 'must hold {"token"} or {"apiKey","apiSecret"} (secrets of 16 characters or more)'
        : 'unreadable or not JSON';
    throw new ConfigError([
      { variable: 'LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE', reason: `${path}: ${reason}` },
    ]);
  }
}

export function stageLookupConfig(
  env: z.infer<z.ZodObject<typeof stageLookupEnv>>,
): StageLookupConfig | undefined {
  if (!env.LEDGER_STAGE_LOOKUP_URL) return undefined;
  if (!env.LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE) {
    throw new ConfigError([
      {
        variable: 'LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE',
        reason: 'is required with LEDGER_STAGE_LOOKUP_URL',
      },
    ]);
  }
  return {
    url: env.LEDGER_STAGE_LOOKUP_URL.replace(/\/+$/, ''),
    credentials: readCredentials(env.LEDGER_STAGE_LOOKUP_CREDENTIALS_FILE),
    timeoutMs: env.LEDGER_STAGE_LOOKUP_TIMEOUT_MS,
    ratePerMinute: env.LEDGER_STAGE_LOOKUP_RATE_PER_MIN,
    ttlMs: env.LEDGER_STAGE_LOOKUP_TTL_S * 1000,
    notFoundTtlMs: env.LEDGER_STAGE_LOOKUP_NOT_FOUND_TTL_S * 1000,
  };
}
