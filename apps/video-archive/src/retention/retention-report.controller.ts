import { Controller, Get, Inject, Param } from '@nestjs/common';
import { enterpriseParam } from '../http/request-parsing';
import { type RetentionReport, RetentionReportService } from './retention-report.service';

@Controller('api/v1/enterprises/:enterpriseId/retention-report')
export class RetentionReportController {
  constructor(@Inject(RetentionReportService) private readonly reports: RetentionReportService) {}

  @Get()
  report(@Param('enterpriseId') enterpriseId: string): Promise<RetentionReport> {
    return this.reports.report(enterpriseParam(enterpriseId));
  }
}
