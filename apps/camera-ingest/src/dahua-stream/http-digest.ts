import { createHash, randomBytes } from 'node:crypto';

/** A `WWW-Authenticate: Digest …` challenge, its parameters by lower-case name. */
export type DigestChallenge = Readonly<Record<string, string>>;

const ALGORITHMS: Readonly<Record<string, string>> = { MD5: 'md5', 'SHA-256': 'sha256' };

/** Parses one `WWW-Authenticate` value; `undefined` when it is not a digest challenge. */
export function parseDigestChallenge(header: string): DigestChallenge | undefined {
  if (!/^digest\s/i.test(header)) return undefined;
  const fields: Record<string, string> = {};
  for (const [, name = '', quoted, bare] of header
    .slice(7)
    .matchAll(/(\w+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/g)) {
    fields[name.toLowerCase()] = quoted ?? bare ?? '';
  }
  return fields;
}

/**
 * The challenge we can answer, strongest first (SHA-256 before MD5): RFC 7616 with qop `auth` or
 * none (RFC 2069). `-sess` variants and `auth-int` only are not answered.
 */
export function pickDigestChallenge(headers: readonly string[]): DigestChallenge | undefined {
  const usable = headers
    .map(parseDigestChallenge)
    .filter((c): c is DigestChallenge => c !== undefined)
    .filter((c) => ALGORITHMS[c['algorithm'] ?? 'MD5'] !== undefined)
    .filter((c) => c['qop'] === undefined || qopsOf(c).includes('auth'));
  return usable.find((c) => c['algorithm'] === 'SHA-256') ?? usable[0];
}

const qopsOf = (challenge: DigestChallenge): string[] =>
  (challenge['qop'] ?? '').split(',').map((q) => q.trim().toLowerCase());

/** The `Authorization` value for one request (nonce count 1: every attach starts from a fresh challenge). */
export function digestAuthorization(
  challenge: DigestChallenge,
  request: {
    readonly method: string;
    readonly uri: string;
    readonly username: string;
    readonly password: string;
  },
  cnonce = randomBytes(12).toString('hex'),
): string {
  const algorithm = challenge['algorithm'] ?? 'MD5';
  const hash = (value: string) =>
    createHash(ALGORITHMS[algorithm] ?? 'md5')
      .update(value, 'utf8')
      .digest('hex');
  const { realm = '', nonce = '', opaque } = challenge;
  const qop = challenge['qop'] === undefined ? undefined : 'auth';
  const nc = '00000001';
  const ha1 = hash(`${request.username}:${realm}:${request.password}`);
  const ha2 = hash(`${request.method}:${request.uri}`);
  const response = qop
    ? hash(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
    : hash(`${ha1}:${nonce}:${ha2}`);
  return `Digest ${[
    `username="${quoted(request.username)}"`,
    `realm="${quoted(realm)}"`,
    `nonce="${quoted(nonce)}"`,
    `uri="${quoted(request.uri)}"`,
    `algorithm=${algorithm}`,
    `response="${response}"`,
    ...(qop ? [`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`] : []),
    ...(opaque !== undefined ? [`opaque="${quoted(opaque)}"`] : []),
  ].join(', ')}`;
}

const quoted = (value: string): string => value.replace(/["\\]/g, '\\$&');
