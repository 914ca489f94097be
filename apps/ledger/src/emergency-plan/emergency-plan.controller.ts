import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { emergencyPlanBodySchema } from '@ecogate/contracts';
import { EmergencyPlanService } from './emergency-plan.service';

/** `GET`/`PUT /api/v1/enterprises/:e/emergency-plan`: barrier-control reads it (404 → default plan). */
@Controller('api/v1/enterprises/:enterpriseId/emergency-plan')
export class EmergencyPlanController {
  constructor(@Inject(EmergencyPlanService) private readonly plans: EmergencyPlanService) {}

  @Get()
  current(@Param('enterpriseId') enterpriseId: string) {
    return this.plans.current(parseEnterpriseId(enterpriseId));
  }

  @Put()
  file(@Param('enterpriseId') enterpriseId: string, @Caller() caller: Principal, @Body() body: unknown) {
    return this.plans.file(parseEnterpriseId(enterpriseId), {
      ...parseRequest(emergencyPlanBodySchema, body),
      actor: caller.subject,
    });
  }
}
