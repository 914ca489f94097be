import { timingSafeEqual } from 'node:crypto';

/** Who may ask: bearer tokens, and API keys with their secrets (HTTP Basic). */
export interface StageLookupClients {
  readonly tokens?: readonly string[];
  readonly keys?: Readonly<Record<string, string>>;
}

const same = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Whether an `Authorization` header names a known client with its right secret. */
export function isAuthorised(header: string | undefined, clients: StageLookupClients): boolean {
  if (!header) return false;
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme === 'Bearer') return (clients.tokens ?? []).some((token) => same(token, value));
  if (scheme !== 'Basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const secret = clients.keys?.[decoded.slice(0, colon)];
  return secret !== undefined && same(secret, decoded.slice(colon + 1));
}
