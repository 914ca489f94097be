import { z } from 'zod';

/**
 * A city's credentials with one source, as kept in its secret file (JSON): a bearer token, or an
 * API key with its secret (sent as HTTP Basic). Never logged; only `describeCredentials` is.
 */
export const stageLookupCredentialsSchema = z.union([
  z.strictObject({ token: z.string().min(16).max(4096) }),
  z.strictObject({ apiKey: z.string().min(1).max(200), apiSecret: z.string().min(16).max(4096) }),
]);
export type StageLookupCredentials = z.infer<typeof stageLookupCredentialsSchema>;

/** The `Authorization` header these credentials send. */
export function authorizationHeader(credentials: StageLookupCredentials): string {
  if ('token' in credentials) return `Bearer ${credentials.token}`;
  return `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`, 'utf8').toString('base64')}`;
}

/** What may be logged of credentials: their kind and the key id, never a secret. */
export const describeCredentials = (credentials: StageLookupCredentials): string =>
  'token' in credentials ? 'bearer token' : `api key ${credentials.apiKey}`;
