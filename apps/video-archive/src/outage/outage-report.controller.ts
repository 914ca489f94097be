import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { enterpriseParam } from '../http/request-parsing';
import { type OutageReportRow, OutageReportService } from './outage-report.service';

/** `GET …/outages?from&to`: recording gaps against filings (the ledger's inspection indicators read it). */
@Controller('api/v1/enterprises/:enterpriseId/outages')
export class OutageReportController {
  constructor(@Inject(OutageReportService) private readonly outages: OutageReportService) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown): Promise<OutageReportRow[]> {
    return this.outages.outages(enterpriseParam(enterpriseId), query);
  }
}
