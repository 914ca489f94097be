import { createHash, randomBytes } from 'node:crypto';
import { NS } from './namespaces';

// Raw HTTP/SOAP requests for the device's specs: every byte as a client would send it, so each
// refusal can be provoked on purpose.

export const PASSWORD_DIGEST =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';

export interface TokenParts {
  readonly username: string;
  readonly password: string;
  readonly created?: Date;
  readonly nonce?: Buffer;
  /** Leave these elements out of the token. */
  readonly omit?: readonly ('Nonce' | 'Created')[];
  readonly passwordType?: string;
  /** The namespace `Created` is put in (the WS-Security utility one unless given). */
  readonly createdNs?: string;
  /** Mark the Security header block mandatory (as most clients do); default true. */
  readonly mustUnderstand?: boolean;
}

/** A `wsse:Security` header block with a UsernameToken: Base64(SHA-1(nonce + created + password)). */
export function securityHeader(parts: TokenParts): string {
  const nonce = parts.nonce ?? randomBytes(16);
  const stamp = (parts.created ?? new Date()).toISOString();
  const digest = createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(stamp), Buffer.from(parts.password)]))
    .digest('base64');
  const omit = parts.omit ?? [];
  return (
    `<wsse:Security${parts.mustUnderstand === false ? '' : ' s:mustUnderstand="1"'} xmlns:wsse="${NS.wsse}" xmlns:wsu="${parts.createdNs ?? NS.wsu}">` +
    `<wsse:UsernameToken><wsse:Username>${parts.username}</wsse:Username>` +
    `<wsse:Password Type="${parts.passwordType ?? PASSWORD_DIGEST}">${digest}</wsse:Password>` +
    (omit.includes('Nonce') ? '' : `<wsse:Nonce>${nonce.toString('base64')}</wsse:Nonce>`) +
    (omit.includes('Created') ? '' : `<wsu:Created>${stamp}</wsu:Created>`) +
    `</wsse:UsernameToken></wsse:Security>`
  );
}

/** A SOAP 1.2 envelope (prefix `s`). */
export const envelope = (body: string, header = ''): string =>
  `<s:Envelope xmlns:s="${NS.soap12}"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;

/** `<name xmlns="ns">inner</name>`: an operation or parameter in its namespace. */
export const el = (ns: string, name: string, inner = ''): string =>
  `<${name} xmlns="${ns}">${inner}</${name}>`;

export interface RawAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

export async function post(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/soap+xml; charset=utf-8', ...headers },
    body,
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The nonce of a `WWW-Authenticate: Digest …` challenge. */
export function challengeNonce(challenge: string | null): string {
  const nonce = /nonce="([^"]+)"/.exec(challenge ?? '')?.[1];
  if (!nonce) throw new Error(`no digest challenge in ${challenge}`);
  return nonce;
}

const md5 = (value: string): string => createHash('md5').update(value).digest('hex');

/** An RFC 7616 MD5 / qop=auth `Authorization` value for `nonce`, with nonce count `nc`. */
export function digestAuthorization(parts: {
  readonly nonce: string;
  readonly method: string;
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  readonly nc?: number;
  readonly realm?: string;
}): string {
  const realm = parts.realm ?? 'IP Camera';
  const nc = (parts.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = randomBytes(4).toString('hex');
  const ha1 = md5(`${parts.username}:${realm}:${parts.password}`);
  const response = md5(`${ha1}:${parts.nonce}:${nc}:${cnonce}:auth:${md5(`${parts.method}:${parts.uri}`)}`);
  return (
    `Digest username="${parts.username}", realm="${realm}", nonce="${parts.nonce}", uri="${parts.uri}", ` +
    `algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`
  );
}

/** The first SOAP fault subcode chain of an answer: `['ter:InvalidArgVal', 'ter:NoProfile']`. */
export const faultSubcodes = (xml: string): string[] =>
  [...xml.matchAll(/<s:Subcode><s:Value>([^<]+)<\/s:Value>/g)].map((m) => m[1] ?? '');
