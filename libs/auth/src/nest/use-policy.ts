import { type INestApplication } from '@nestjs/common';
import { type Logger } from 'pino';
import { POLICY, type PolicyService } from '../policy-table';
import { type TokenVerifier } from '../token-verifier';
import { PolicyGuard } from './policy.guard';

/** Installs the policy guard for `service` on every route of `app` (call before `listen`/`init`). */
export function usePolicy(
  app: INestApplication,
  service: PolicyService,
  verifier: TokenVerifier,
  log: Logger,
): void {
  app.useGlobalGuards(new PolicyGuard(POLICY[service], verifier, log.child({ component: 'policy' })));
}
