import { Caller, type Principal } from '@ecogate/auth';
import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { enterpriseParam } from '../http/request-parsing';
import { OutageFilingService, type OutageFilingView } from './outage-filing.service';

/** Outage filings (备案), tenant-scoped by the enterprise in the path; the operator is audited. */
@Controller('api/v1/enterprises/:enterpriseId/outage-filings')
export class OutageFilingController {
  constructor(@Inject(OutageFilingService) private readonly filings: OutageFilingService) {}

  @Post()
  @HttpCode(201)
  file(
    @Param('enterpriseId') enterpriseId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ): Promise<OutageFilingView> {
    const enterprise = enterpriseParam(enterpriseId);
    return this.filings.file(enterprise, body, caller.subject);
  }

  @Get()
  list(@Param('enterpriseId') enterpriseId: string): Promise<OutageFilingView[]> {
    return this.filings.list(enterpriseParam(enterpriseId));
  }
}
