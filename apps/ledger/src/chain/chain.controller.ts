import { Caller, type Principal } from '@ecogate/auth';
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { LedgerException } from '../errors/ledger.exception';
import { chainVerifyQuery } from './chain.openapi';
import { ChainVerificationService } from './chain-verification.service';

/** `GET chain/verify`: the inspector's proof that the ledger was not edited after the fact. */
@Controller('api/v1/enterprises/:enterpriseId/chain')
export class ChainController {
  constructor(@Inject(ChainVerificationService) private readonly chain: ChainVerificationService) {}

  @Get('verify')
  verify(@Param('enterpriseId') enterpriseId: string, @Caller() caller: Principal, @Query() query: unknown) {
    const { from, to } = parseRequest(chainVerifyQuery, query);
    const period = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
    if (period.from && period.to && period.from >= period.to) {
      throw new LedgerException('invalid-request', '`from` must be before `to`');
    }
    return this.chain.verify(parseEnterpriseId(enterpriseId), caller.subject, period.from, period.to);
  }
}
