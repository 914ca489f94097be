import { type CanActivate, type ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { openApiPath } from '@ecogate/http-edge';
import { type Logger } from 'pino';
import { decide, type Decision, routeKey, type ServicePolicy } from '../policy';
import { type Principal } from '../principal';
import { TokenRejected, type TokenVerifier } from '../token-verifier';

interface AuthRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly params?: Readonly<Record<string, string>>;
  readonly route?: { readonly path?: unknown };
  principal?: Principal;
}

type Refusal = Exclude<Decision, 'allow'>;
const STATUS: Record<Refusal, number> = { unauthenticated: 401, forbidden: 403, 'not-found': 404 };
/**
 * The body's code. Another tenant's enterprise reads like an enterprise that does not exist
 * (`enterprise-not-found`, the same whether it exists or not), distinct from a service's own
 * `not-found` for a missing record.
 */
export const ACCESS_DENIED_CODE: Record<Refusal, string> = {
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  'not-found': 'enterprise-not-found',
};
const REASON: Record<Refusal, string> = {
  unauthenticated: 'a valid bearer token is required',
  forbidden: 'your role may not do this',
  'not-found': 'no such enterprise',
};

/** A refusal by the policy, with the `{ code, reason }` body every service answers with. */
export class AccessDenied extends HttpException {
  readonly code: string;

  constructor(decision: Refusal) {
    super(REASON[decision], STATUS[decision]);
    this.code = ACCESS_DENIED_CODE[decision];
  }
}

/**
 * The one guard every service installs: finds the route's rule in the policy table, verifies the
 * bearer token and applies role and enterprise scope. Controllers read the caller with `@Caller()`
 * and never re-check any of this. Identity never comes from any other header.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  constructor(
    private readonly policy: ServicePolicy,
    private readonly verifier: TokenVerifier,
    private readonly log: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // Kafka handlers: the bus is authenticated per service (ADR 0006)
    const request = context.switchToHttp().getRequest<AuthRequest>();
    const path = typeof request.route?.path === 'string' ? openApiPath(request.route.path) : undefined;
    const rule = path === undefined ? undefined : this.policy[routeKey(request.method, path)];
    const principal = rule && 'open' in rule ? undefined : await this.authenticate(request);
    const decision = decide(rule, principal, request.params ?? {});
    if (decision !== 'allow') {
      this.log.warn(
        {
          decision,
          route: path && routeKey(request.method, path),
          subject: principal?.subject,
          role: principal?.role,
        },
        'request denied',
      );
      throw new AccessDenied(decision);
    }
    if (principal) request.principal = principal;
    return true;
  }

  private async authenticate(request: AuthRequest): Promise<Principal | undefined> {
    const header = request.headers['authorization'];
    if (typeof header !== 'string') return undefined;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header);
    if (!match?.[1]) return undefined;
    try {
      return await this.verifier.verify(match[1]);
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      this.log.warn({ reason: error.message }, 'token rejected');
      return undefined;
    }
  }
}
