import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { RetentionPolicyService, setRetentionSchema } from './retention-policy.service';

/** `GET`/`PUT /api/v1/enterprises/:e/retention-policy` `{ledgerDays}`. */
@Controller('api/v1/enterprises/:enterpriseId/retention-policy')
export class RetentionPolicyController {
  constructor(@Inject(RetentionPolicyService) private readonly policies: RetentionPolicyService) {}

  @Get()
  current(@Param('enterpriseId') enterpriseId: string) {
    return this.policies.current(parseEnterpriseId(enterpriseId));
  }

  @Put()
  set(@Param('enterpriseId') enterpriseId: string, @Caller() caller: Principal, @Body() body: unknown) {
    return this.policies.set(parseEnterpriseId(enterpriseId), {
      ...parseRequest(setRetentionSchema, body),
      actor: caller.subject,
    });
  }
}
