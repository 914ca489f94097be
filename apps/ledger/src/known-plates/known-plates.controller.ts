import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { knownPlatesQuery, KnownPlatesService } from './known-plates.service';

/** `GET known-plates?siteId=`: plate recognition's own token only (the policy table). */
@Controller('api/v1/enterprises/:enterpriseId/known-plates')
export class KnownPlatesController {
  constructor(@Inject(KnownPlatesService) private readonly knownPlates: KnownPlatesService) {}

  @Get()
  forSite(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    const { siteId } = parseRequest(knownPlatesQuery, query);
    return this.knownPlates.forSite(parseEnterpriseId(enterpriseId), siteId);
  }
}
