import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { type ChainSigner } from './chain-signing';
import { type ChainVerification, verifyChain, type VerifyChainSettings } from './verify-chain';

/** `GET …/chain/verify`: the chain of one enterprise over a period, against its rows and signed roots. */
export class ChainVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly signer: ChainSigner | undefined,
    private readonly settings: VerifyChainSettings,
  ) {}

  verify(enterpriseId: EnterpriseId, from?: Date, to?: Date): Promise<ChainVerification> {
    return verifyChain(this.dataSource.manager, this.signer, this.settings, {
      enterpriseId,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  }
}
