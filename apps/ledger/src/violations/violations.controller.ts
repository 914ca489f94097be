import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { violationsQuery, ViolationsService } from './violations.service';

/** `GET …/violations?from&to`: the enterprise's violations at its lanes, newest first. */
@Controller('api/v1/enterprises/:enterpriseId/violations')
export class ViolationsController {
  constructor(@Inject(ViolationsService) private readonly violations: ViolationsService) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.violations.list(parseEnterpriseId(enterpriseId), parseRequest(violationsQuery, query));
  }
}
