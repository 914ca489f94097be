import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { enterpriseParam, operatorHeader, parseRequest } from '../http/request-parsing';
import { OutageFilingService, type OutageFilingView } from './outage-filing.service';

/** Outage filings (备案), tenant-scoped by the enterprise in the path; the operator is audited. */
@Controller('api/v1/enterprises/:enterpriseId/outage-filings')
export class OutageFilingController {
  constructor(@Inject(OutageFilingService) private readonly filings: OutageFilingService) {}

  @Post()
  @HttpCode(201)
  file(
    @Param('enterpriseId') enterpriseId: string,
    @Headers('x-operator-id') operator: string | undefined,
    @Body() body: unknown,
  ): Promise<OutageFilingView> {
    const enterprise = enterpriseParam(enterpriseId);
    return this.filings.file(enterprise, body, parseRequest(operatorHeader, operator));
  }

  @Get()
  list(@Param('enterpriseId') enterpriseId: string): Promise<OutageFilingView[]> {
    return this.filings.list(enterpriseParam(enterpriseId));
  }
}
