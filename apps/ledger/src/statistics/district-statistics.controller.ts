import { Caller, type Principal } from '@ecogate/auth';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { parseRequest } from '../api/request-parsing';
import { districtStatisticsQuery, DistrictStatisticsService } from './district-statistics.service';

/**
 * `GET /api/v1/statistics/districts?from&to[&districtCode]`: the city view. No enterprise in the
 * path, so the answer is limited here to the caller's enterprises (an inspector's token lists
 * theirs; city-wide roles have `*`): a `CALLER_FILTERED_ROUTES` route of the policy table.
 */
@Controller('api/v1/statistics')
export class DistrictStatisticsController {
  constructor(@Inject(DistrictStatisticsService) private readonly statistics: DistrictStatisticsService) {}

  @Get('districts')
  districts(@Query() query: unknown, @Caller() caller: Principal) {
    return this.statistics.statistics(caller.enterprises, parseRequest(districtStatisticsQuery, query));
  }
}
