import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { type ServerResponse } from 'node:http';
import { z } from 'zod';
import { type UserEntity } from '../accounts/user.entity';
import { view } from '../accounts/accounts.service';
import { type GatewayRequest } from '../edge/request-context';
import { clearSessionCookies, readCookies, REFRESH_COOKIE } from '../sessions/cookies';
import { GatewayDeps } from './deps';
import { GatewayError } from './gateway-error';
import { parseBody } from './parse';
import { issueSessionCookies, startSession } from './session-issue';

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totpCode: z.string().max(10).optional(),
});
export const passwordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export const codeBody = z.object({ code: z.string().regex(/^\d{6}$/) });

/** Login, refresh, logout and the caller's own account (password, TOTP). */
@Controller('auth')
export class AuthController {
  constructor(@Inject(GatewayDeps) private readonly deps: GatewayDeps) {}

  @Post('login')
  @HttpCode(200)
  async login(
    @Body() body: unknown,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) res: ServerResponse,
  ) {
    const input = parseBody(loginBody, body);
    if (
      !this.deps.loginByIp.take(req.clientIp) ||
      !this.deps.loginByUsername.take(input.username.toLowerCase())
    )
      throw new GatewayError('rate-limited', 'too many login attempts; wait a minute');
    const user = await this.deps.accounts.login(input.username, input.password, input.totpCode, {
      ip: req.clientIp,
    });
    await startSession(this.deps, res, user, req.clientIp);
    return this.me(user);
  }

  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: GatewayRequest, @Res({ passthrough: true }) res: ServerResponse) {
    const presented = readCookies(req)[REFRESH_COOKIE];
    if (!presented) throw new GatewayError('session-ended', 'no refresh token');
    const result = await this.deps.sessions.refresh(presented);
    if (result.verdict !== 'rotate') {
      clearSessionCookies(res, this.deps.sessionPolicy.secureCookies);
      if (result.verdict === 'reuse')
        await this.deps.audit.record({
          event: 'session-revoked',
          outcome: 'success',
          sourceIp: req.clientIp,
          object: result.sessionId,
          detail: { reason: 'refresh-token-reuse' },
        });
      throw new GatewayError('session-ended', `the session has ended (${result.verdict}); sign in again`);
    }
    const user = await this.deps.accounts.byId(result.session.userId);
    if (user.disabled) {
      await this.deps.sessions.revoke(result.session.sessionId, 'disabled');
      throw new GatewayError('session-ended', 'the account is disabled');
    }
    await issueSessionCookies(this.deps, res, user, result.session.sessionId, result.refreshToken);
    return this.me(user);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) res: ServerResponse,
    @Caller() caller: Principal,
  ) {
    if (req.caller?.sessionId) await this.deps.sessions.revoke(req.caller.sessionId, 'logout');
    clearSessionCookies(res, this.deps.sessionPolicy.secureCookies);
    await this.deps.audit.record({
      event: 'logout',
      outcome: 'success',
      actorId: caller.subject,
      actorName: caller.name,
      sourceIp: req.clientIp,
    });
  }

  @Get('me')
  async whoAmI(@Caller() caller: Principal) {
    return this.me(await this.deps.accounts.byId(caller.subject), caller);
  }

  @Post('password')
  @HttpCode(204)
  async changePassword(@Body() body: unknown, @Req() req: GatewayRequest, @Caller() caller: Principal) {
    const input = parseBody(passwordBody, body);
    await this.deps.accounts.changePassword(caller.subject, input.currentPassword, input.newPassword, {
      id: caller.subject,
      name: caller.name,
      ip: req.clientIp,
    });
    await this.deps.sessions.revokeOthers(caller.subject, req.caller?.sessionId, 'password-change');
  }

  @Post('totp/enrol')
  @HttpCode(200)
  enrol(@Req() req: GatewayRequest, @Caller() caller: Principal) {
    return this.deps.accounts.enrolTotp(caller.subject, { ip: req.clientIp });
  }

  @Post('totp/confirm')
  @HttpCode(204)
  async confirm(@Body() body: unknown, @Req() req: GatewayRequest, @Caller() caller: Principal) {
    await this.deps.accounts.confirmTotp(caller.subject, parseBody(codeBody, body).code, {
      ip: req.clientIp,
    });
  }

  @Post('totp/disable')
  @HttpCode(204)
  async disable(@Body() body: unknown, @Req() req: GatewayRequest, @Caller() caller: Principal) {
    await this.deps.accounts.disableTotp(caller.subject, parseBody(codeBody, body).code, {
      ip: req.clientIp,
    });
  }

  private me(user: UserEntity, principal?: Principal) {
    return {
      ...view(user),
      pendingActions: this.deps.accounts.pendingActions(user),
      ...(principal ? { enterprises: principal.enterprises } : {}),
    };
  }
}
