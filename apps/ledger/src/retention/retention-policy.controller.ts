import { Body, Controller, Get, Headers, Inject, Param, Put } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { actorHeader, parseRequest } from '../api/request-parsing';
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
  set(
    @Param('enterpriseId') enterpriseId: string,
    @Headers('x-operator-id') actor: unknown,
    @Body() body: unknown,
  ) {
    return this.policies.set(parseEnterpriseId(enterpriseId), {
      ...parseRequest(setRetentionSchema, body),
      actor: parseRequest(actorHeader, actor),
    });
  }
}
