import { type ServerResponse } from 'node:http';
import { type Logger } from '@ecogate/telemetry';
import { type AccountsService, type PendingAction } from '../accounts/accounts.service';
import { type ApiKeysService } from '../api-keys/api-keys.service';
import {
  ACCESS_COOKIE,
  clearSessionCookies,
  CSRF_COOKIE,
  CSRF_HEADER,
  readCookies,
  REFRESH_COOKIE,
} from '../sessions/cookies';
import { sameSecret } from '../sessions/secrets';
import { type SessionsService } from '../sessions/sessions.service';
import { isConsoleRequest } from '../console';
import { isSignedLinkRequest } from '../objects';
import { clientIpOf } from './client-ip';
import { type TokenBuckets } from './token-bucket';
import { type VerifiedTokens } from './verified-tokens';
import { type GatewayRequest, sendError } from './request-context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a session with a pending action may still do (refresh too: the change may take a while). */
const ALWAYS_ALLOWED = ['GET /auth/me', 'POST /auth/logout', 'POST /auth/refresh', 'POST /auth/password'];
/**
 * Signing in is anonymous: a stale or ended session (or one with pending actions) in the browser
 * must not stand in the way of starting a new one.
 */
const SIGN_IN_ROUTES = new Set(['POST /auth/login', 'GET /auth/oidc/login', 'GET /auth/oidc/callback']);
const ALLOWED_WHILE_PENDING: Record<PendingAction, readonly string[]> = {
  'change-password': ALWAYS_ALLOWED,
  'enrol-totp': [...ALWAYS_ALLOWED, 'POST /auth/totp/enrol', 'POST /auth/totp/confirm'],
};

export interface AuthenticateDeps {
  readonly verifiedTokens: VerifiedTokens;
  readonly sessions: SessionsService;
  readonly accounts: AccountsService;
  readonly apiKeys: ApiKeysService;
  readonly apiKeyLimiter: TokenBuckets;
  readonly secureCookies: boolean;
  /** Proxies of our own in front (their X-Forwarded-For entries are trusted). */
  readonly trustedProxyHops: number;
  readonly log: Logger;
}

/**
 * Establishes the caller of every public request: the session cookie (checked against the live
 * session: idle, absolute, revoked, forced actions; CSRF on unsafe methods) or `ApiKey <key>`
 * (rate-limited per key). Whatever `Authorization` the client sent is dropped; on success it
 * carries the gateway's own JWT, which the policy guard verifies like every service does.
 */
export function authenticate(deps: AuthenticateDeps) {
  return (req: GatewayRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    req.clientIp = clientIpOf(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for'],
      deps.trustedProxyHops,
    );
    const presented = req.headers.authorization;
    delete req.headers.authorization;
    delete req.headers['x-operator-id'];
    establish(deps, req, res, presented).then(
      (proceed) => (proceed ? next() : undefined),
      (error: unknown) => next(error),
    );
  };
}

async function establish(
  deps: AuthenticateDeps,
  req: GatewayRequest,
  res: ServerResponse,
  presented: string | undefined,
): Promise<boolean> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  // A signed link is its own credential (the policy table's public route): no session is looked up,
  // so an ended session or a pending action in the same browser cannot break an <img> or <video>.
  if (isSignedLinkRequest(method, path)) return true;
  // The console's code (public): no session either, so a page that must let the person sign in
  // again or change the password loads whatever state the cookies are in.
  if (isConsoleRequest(method, path)) return true;
  const cookies = readCookies(req);
  if (presented?.startsWith('ApiKey ')) {
    const caller = await deps.apiKeys.authenticate(presented.slice('ApiKey '.length).trim());
    if (!caller) {
      sendError(res, 401, 'unauthenticated', 'unknown, revoked or expired API key');
      return false;
    }
    if (!deps.apiKeyLimiter.take(caller.keyId)) {
      res.setHeader('Retry-After', '1');
      sendError(res, 429, 'rate-limited', 'too many requests for this API key');
      return false;
    }
    req.caller = { kind: 'api-key', token: caller.token, principal: caller.principal };
    req.headers.authorization = `Bearer ${caller.token}`;
    return true;
  }
  // Double submit: a cross-site form cannot read the csrf cookie to echo it (SameSite=Strict is the first line).
  const cookieSession = cookies[ACCESS_COOKIE] !== undefined || cookies[REFRESH_COOKIE] !== undefined;
  if (cookieSession && !SAFE_METHODS.has(method) && path !== '/auth/login') {
    const header = req.headers[CSRF_HEADER];
    const expected = cookies[CSRF_COOKIE];
    if (typeof header !== 'string' || !expected || !sameSecret(header, expected)) {
      sendError(res, 403, 'csrf-failed', 'missing or wrong X-CSRF-Token');
      return false;
    }
  }
  const access = cookies[ACCESS_COOKIE];
  if (!access || SIGN_IN_ROUTES.has(`${method} ${path}`)) return true; // anonymous: the policy decides
  const principal = await deps.verifiedTokens.principalOf(access);
  if (!principal) return true; // expired access token: anonymous until the client refreshes
  const sessionId = sessionIdOf(access);
  const live = sessionId ? await deps.sessions.touch(sessionId) : undefined;
  if (!live || live.userId !== principal.subject) {
    clearSessionCookies(res, deps.secureCookies);
    sendError(res, 401, 'session-ended', 'the session has ended; sign in again');
    return false;
  }
  const pending = deps.accounts.pendingActions(live.account);
  const route = `${method} ${path}`;
  const blocking = pending.find((action) => !ALLOWED_WHILE_PENDING[action].includes(route));
  if (blocking) {
    sendError(
      res,
      403,
      blocking === 'change-password' ? 'password-change-required' : 'totp-enrolment-required',
      blocking === 'change-password' ? 'change your password first' : 'enrol a TOTP second factor first',
    );
    return false;
  }
  req.caller = { kind: 'session', token: access, principal, sessionId: live.sessionId };
  req.headers.authorization = `Bearer ${access}`;
  return true;
}

/** The `sid` claim of an already verified token. */
function sessionIdOf(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sid?: unknown;
    };
    return typeof payload.sid === 'string' ? payload.sid : undefined;
  } catch {
    return undefined;
  }
}
