import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { audit } from '../audit/audit';
import { type ChainSigner } from './chain-signing';
import {
  type ChainVerification,
  verifyChain,
  type VerifyChainRequest,
  type VerifyChainSettings,
} from './verify-chain';

/** What a verification's audit row (API) and log line (CLI) record: the period asked and the outcome. */
export function verificationOutcome(request: VerifyChainRequest, verification: ChainVerification) {
  return {
    enterpriseId: request.enterpriseId,
    from: request.from?.toISOString() ?? null,
    to: request.to?.toISOString() ?? null,
    ok: verification.ok,
    entries: verification.entries,
    findings: verification.findings.length,
    firstFinding: verification.first?.kind ?? null,
  };
}

/** `GET …/chain/verify`: the chain of one enterprise over a period, against its rows and signed roots. */
export class ChainVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: ChainSigner | undefined,
    private readonly settings: VerifyChainSettings,
  ) {}

  /** Verifies, then audits who verified which period and what was found (inspections are audited). */
  async verify(
    enterpriseId: EnterpriseId,
    actor: string,
    from?: Date,
    to?: Date,
  ): Promise<ChainVerification> {
    const request: VerifyChainRequest = { enterpriseId, ...(from ? { from } : {}), ...(to ? { to } : {}) };
    const verification = await verifyChain(this.dataSource.manager, this.signer, this.settings, request);
    await this.dataSource.transaction((tx) =>
      audit(tx, enterpriseId, {
        actor,
        entityType: 'chain',
        entityId: enterpriseId,
        action: 'verify',
        before: null,
        after: verificationOutcome(request, verification),
      }),
    );
    return verification;
  }
}
