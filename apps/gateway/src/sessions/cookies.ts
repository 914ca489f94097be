import { type IncomingMessage, type ServerResponse } from 'node:http';

export const ACCESS_COOKIE = 'ecogate_access';
export const REFRESH_COOKIE = 'ecogate_refresh';
/** Readable by the page's script, which echoes it in `X-CSRF-Token` (double submit). */
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const REFRESH_PATH = '/auth/refresh';

export function readCookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    // Only our own cookies, and only the first of each (a later duplicate cannot override).
    if (out[name] === undefined && /^[\w.~-]{1,4096}$/.test(value)) out[name] = value;
  }
  return out;
}

interface CookieOptions {
  readonly path: string;
  readonly maxAgeSeconds: number;
  readonly httpOnly: boolean;
  readonly secure: boolean;
}

function serialize(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    'SameSite=Strict',
    ...(options.httpOnly ? ['HttpOnly'] : []),
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export interface SessionCookies {
  readonly accessToken: string;
  readonly accessSeconds: number;
  readonly refreshToken: string;
  readonly refreshSeconds: number;
  readonly csrfToken: string;
}

/** Adds to the answer's cookies (another part of the answer may have set its own, e.g. the SSO one). */
function appendCookies(res: ServerResponse, cookies: string[]): void {
  const existing = res.getHeader('Set-Cookie');
  const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader('Set-Cookie', [...before, ...cookies]);
}

export function setSessionCookies(res: ServerResponse, cookies: SessionCookies, secure: boolean): void {
  appendCookies(res, [
    serialize(ACCESS_COOKIE, cookies.accessToken, {
      path: '/',
      maxAgeSeconds: cookies.accessSeconds,
      httpOnly: true,
      secure,
    }),
    serialize(REFRESH_COOKIE, cookies.refreshToken, {
      path: REFRESH_PATH,
      maxAgeSeconds: cookies.refreshSeconds,
      httpOnly: true,
      secure,
    }),
    serialize(CSRF_COOKIE, cookies.csrfToken, {
      path: '/',
      maxAgeSeconds: cookies.refreshSeconds,
      httpOnly: false,
      secure,
    }),
  ]);
}

export function clearSessionCookies(res: ServerResponse, secure: boolean): void {
  const gone = { maxAgeSeconds: 0, secure };
  appendCookies(res, [
    serialize(ACCESS_COOKIE, '', { ...gone, path: '/', httpOnly: true }),
    serialize(REFRESH_COOKIE, '', { ...gone, path: REFRESH_PATH, httpOnly: true }),
    serialize(CSRF_COOKIE, '', { ...gone, path: '/', httpOnly: false }),
  ]);
}
