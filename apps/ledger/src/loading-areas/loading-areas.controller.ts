import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { anomaliesQuery, LoadingAreasService, sightingsQuery } from './loading-areas.service';

/** The enterprise's loading-area anomalies and sightings, newest first (docs/loading-areas.md). */
@Controller('api/v1/enterprises/:enterpriseId')
export class LoadingAreasController {
  constructor(@Inject(LoadingAreasService) private readonly loadingAreas: LoadingAreasService) {}

  @Get('loading-area-anomalies')
  anomalies(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.loadingAreas.anomalies(parseEnterpriseId(enterpriseId), parseRequest(anomaliesQuery, query));
  }

  @Get('loading-area-sightings')
  sightings(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.loadingAreas.sightings(parseEnterpriseId(enterpriseId), parseRequest(sightingsQuery, query));
  }
}
