import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { statisticsSummaryQuery, StatisticsSummaryService } from './statistics-summary.service';

/** `GET …/statistics/summary?from&to[&performanceClass&industry]`: the console's dashboard figures. */
@Controller('api/v1/enterprises/:enterpriseId/statistics')
export class StatisticsController {
  constructor(@Inject(StatisticsSummaryService) private readonly statistics: StatisticsSummaryService) {}

  @Get('summary')
  summary(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.statistics.summary(
      parseEnterpriseId(enterpriseId),
      parseRequest(statisticsSummaryQuery, query),
    );
  }
}
