import { type TokenSigner } from '@ecogate/auth';
import { type AccountsService } from '../accounts/accounts.service';
import { type ApiKeysService } from '../api-keys/api-keys.service';
import { type AuditLog } from '../audit/audit-log';
import { type SessionPolicy } from '../config/gateway.config';
import { type TokenBuckets } from '../edge/token-bucket';
import { type SessionsService } from '../sessions/sessions.service';

/** Everything the controllers use, built by the composition root (no reflection needed). */
export class GatewayDeps {
  constructor(
    readonly accounts: AccountsService,
    readonly sessions: SessionsService,
    readonly apiKeys: ApiKeysService,
    readonly audit: AuditLog,
    readonly signer: TokenSigner,
    readonly sessionPolicy: SessionPolicy,
    readonly loginByIp: TokenBuckets,
    readonly loginByUsername: TokenBuckets,
  ) {}
}
