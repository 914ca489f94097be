import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { SignOnRefused } from './external-identity';
import {
  OIDC_ROUTES_PATH,
  OidcSignOn,
  TRANSACTION_COOKIE_NAME,
  type TransactionCookie,
} from './oidc-sign-on';
import {
  SESSION_STARTER,
  SIGN_ON_AUDIT,
  type SessionStarter,
  type SignOnAudit,
} from './session-starter.port';

export const OIDC_SIGN_ON = Symbol('OidcSignOn');

/**
 * `GET /auth/oidc/login` sends the browser to the city's provider; `GET /auth/oidc/callback` takes
 * it back, starts the session and returns the person to where they were. Both are public routes
 * (the policy table's gateway section). Refusals answer `{code, reason}` and are audited.
 */
@Controller(OIDC_ROUTES_PATH.slice(1))
export class OidcController {
  constructor(
    @Inject(OIDC_SIGN_ON) private readonly signOn: OidcSignOn | undefined,
    @Inject(SESSION_STARTER) private readonly sessions: SessionStarter,
    @Inject(SIGN_ON_AUDIT) private readonly audit: SignOnAudit,
  ) {}

  @Get('login')
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    const { redirectUrl, transactionCookie } = await this.enabled().start(
      typeof returnTo === 'string' && returnTo !== '' ? returnTo : '/',
    );
    setCookie(res, transactionCookie);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, redirectUrl);
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const signOn = this.enabled();
    // Always spent: a callback is tried once, whatever its outcome.
    res.clearCookie(TRANSACTION_COOKIE_NAME, { path: OIDC_ROUTES_PATH });
    res.setHeader('Cache-Control', 'no-store');
    // The gateway's edge puts the client address there (its trusted proxy hops); else the TCP peer.
    const sourceAddress = (req as Request & { clientIp?: string }).clientIp ?? req.ip;
    const callbackUrl = new URL(signOn.redirectUri);
    callbackUrl.search = new URL(req.originalUrl, 'http://callback.invalid').search;
    try {
      const { identity, returnTo } = await signOn.finish(callbackUrl, cookieOf(req, TRANSACTION_COOKIE_NAME));
      try {
        await this.sessions.start(identity, res);
      } catch (error) {
        await this.audit.record({
          outcome: 'refused',
          at: new Date(),
          sourceAddress,
          issuer: identity.issuer,
          subject: identity.subject,
          username: identity.username,
          role: identity.role,
          code: error instanceof SignOnRefused ? error.code : 'session-refused',
          reason: error instanceof Error ? error.message : String(error),
        });
        throw error;
      }
      await this.audit.record({
        outcome: 'signed-in',
        at: new Date(),
        sourceAddress,
        issuer: identity.issuer,
        subject: identity.subject,
        username: identity.username,
        role: identity.role,
      });
      res.redirect(303, returnTo);
    } catch (error) {
      if (error instanceof SignOnRefused)
        await this.audit.record({
          outcome: 'refused',
          at: new Date(),
          sourceAddress,
          ...(error.claimed ?? {}),
          code: error.code,
          reason: error.message,
        });
      throw error;
    }
  }

  private enabled(): OidcSignOn {
    if (!this.signOn)
      throw new SignOnRefused('sso-disabled', 'single sign-on is not configured for this city');
    return this.signOn;
  }
}

function setCookie(res: Response, cookie: TransactionCookie): void {
  res.cookie(cookie.name, cookie.value, {
    path: cookie.path,
    maxAge: cookie.maxAgeSeconds * 1000,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    secure: cookie.secure,
  });
}

/** One cookie from the request's header (no cookie-parser in the gateway's dependencies). */
export function cookieOf(req: Pick<Request, 'headers'>, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
