/** What a secret is replaced with, in logs and anything else shown to people. */
export const REDACTED = '[redacted]';

// `scheme://user:password@host`: the password goes (greedy to the last `@` of the authority, since a
// password may hold one); the user stays, it helps an operator and is no secret.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@"'<>]*):([^\s/"'<>]*)@/gi;
// Signatures and tokens in query strings (S3 presigned URLs, callback tokens).
const QUERY_SECRET =
  /([?&](?:x-amz-signature|x-amz-credential|x-amz-security-token|signature|sig|token|access_token|secret|password|key)=)[^&\s#"'<>]*/gi;
// camera-ingest's `/push/:vendor/:deviceId/:secret` (cameras that only take a URL).
const PUSH_PATH_SECRET = /(\/push\/[\w-]+\/[^/\s?#"'<>]+\/)[^/\s?#"'<>]+/g;
// Header lines in text (`Authorization: Digest …`, a curl or ffmpeg dump).
// A quoted value (JSON text) ends at its quote; a header line at the end of the line.
const HEADER_SECRET =
  /\b((?:proxy-)?authorization|set-cookie|cookie|x-ecogate-device-secret)(?:(["']?\s*[:=]\s*["'])[^"'\r\n]*|(\s*[:=]\s*)[^\r\n]+)/gi;

/** Quick pre-check: most log strings hold none of these and are returned as they are. */
const MAYBE = /:\/\/|[?&]|\/push\/|authorization|cookie|secret/i;

/**
 * Removes credentials from free text that may be logged: URL passwords (`rtsp://u:p@…`,
 * `postgres://u:p@…`), presigned-URL signatures and token parameters, the push route's path secret,
 * and secret header values.
 */
export function redactText(text: string): string {
  if (!MAYBE.test(text)) return text;
  return text
    .replace(USERINFO, `$1:${REDACTED}@`)
    .replace(QUERY_SECRET, `$1${REDACTED}`)
    .replace(PUSH_PATH_SECRET, `$1${REDACTED}`)
    .replace(HEADER_SECRET, (_all, name: string, quoted?: string, plain?: string) => {
      return `${name}${quoted ?? plain ?? ''}${REDACTED}`;
    });
}

/** Replaces each known secret value (e.g. a camera password that may be printed decoded). */
export function redactKnown(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would blank out ordinary words; those are left to the patterns.
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

const isPlain = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null || Array.isArray(value);
};

/**
 * `redactText` over every string of a plain object or array (copied only where something changed).
 * Errors, buffers and class instances are left alone (pino's `err` serializer output is redacted
 * separately).
 */
export function redactValue<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (value === null || typeof value !== 'object' || depth > 8 || !isPlain(value)) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item: unknown) => {
      const redacted = redactValue(item, depth + 1);
      changed ||= redacted !== item;
      return redacted;
    });
    return (changed ? out : value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const redacted = redactValue(item, depth + 1);
    if (redacted !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return (copy ?? value) as T;
}
