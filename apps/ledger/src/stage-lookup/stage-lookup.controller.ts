import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { plateParam } from '../vehicle-registry/vehicle-registry.service';
import { StageLookupService } from './stage-lookup.service';

/** A vehicle's stage lookup at the city's source (docs/stage-lookup.md). */
@Controller('api/v1/enterprises/:enterpriseId/vehicles/:plate/stage-lookup')
export class StageLookupController {
  constructor(@Inject(StageLookupService) private readonly lookups: StageLookupService) {}

  @Get()
  view(@Param('enterpriseId') enterpriseId: string, @Param('plate') plate: string) {
    return this.lookups.view(parseEnterpriseId(enterpriseId), parseRequest(plateParam, plate));
  }

  /** 202: the follower asks the source; the state shows on the GET. */
  @Post()
  @HttpCode(202)
  request(
    @Param('enterpriseId') enterpriseId: string,
    @Param('plate') plate: string,
    @Caller() caller: Principal,
  ) {
    return this.lookups.request(
      parseEnterpriseId(enterpriseId),
      parseRequest(plateParam, plate),
      caller.subject,
    );
  }
}
