import { type ServerResponse } from 'node:http';
import { type Response } from 'express';
import { type UserEntity } from '../accounts/user.entity';
import { type GatewayRequest } from '../edge/request-context';
import { type ExternalIdentity, type SessionStarter } from '../oidc';
import { setSessionCookies } from '../sessions/cookies';
import { randomToken } from '../sessions/secrets';
import { type GatewayDeps } from './deps';

/** Signs the account's token for this session and sets the access, refresh and csrf cookies. */
export async function issueSessionCookies(
  deps: GatewayDeps,
  res: ServerResponse,
  user: UserEntity,
  sessionId: string,
  refreshToken: string,
): Promise<void> {
  const { token } = await deps.signer.sign(await deps.accounts.principalOf(user), { sessionId });
  setSessionCookies(
    res,
    {
      accessToken: token,
      accessSeconds: deps.sessionPolicy.accessTokenSeconds,
      refreshToken,
      refreshSeconds: deps.sessionPolicy.absoluteSeconds,
      csrfToken: randomToken(),
    },
    deps.sessionPolicy.secureCookies,
  );
}

/** A new session for an account that has just signed in (password or single sign-on). */
export async function startSession(
  deps: GatewayDeps,
  res: ServerResponse,
  user: UserEntity,
  clientIp: string,
): Promise<void> {
  const started = await deps.sessions.start(user.id, clientIp);
  await issueSessionCookies(deps, res, user, started.sessionId, started.refreshToken);
}

/** Single sign-on ends exactly like a password login: the provider's person gets a gateway session. */
export class GatewaySessionStarter implements SessionStarter {
  constructor(private readonly deps: GatewayDeps) {}

  async start(identity: ExternalIdentity, res: Response): Promise<void> {
    const clientIp = (res.req as unknown as GatewayRequest).clientIp;
    const user = await this.deps.accounts.signOnExternal(identity, { ip: clientIp });
    await startSession(this.deps, res, user, clientIp);
  }
}
