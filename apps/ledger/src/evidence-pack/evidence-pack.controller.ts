import { Caller, type Principal } from '@ecogate/auth';
import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type Response } from 'express';
import { parseRequest } from '../api/request-parsing';
import { inspectionIdParam } from '../inspection/inspection.controller';
import { InspectionReportService } from '../inspection-report/inspection-report.service';
import { packIdParam } from './evidence-pack.schemas';
import { EvidencePackService } from './evidence-pack.service';

/** An inspection's report (PDF) and evidence packs (ZIP, built in the background). */
@Controller('api/v1/enterprises/:enterpriseId/inspections/:inspectionId')
export class EvidencePackController {
  constructor(
    @Inject(EvidencePackService) private readonly packs: EvidencePackService,
    @Inject(InspectionReportService) private readonly reports: InspectionReportService,
  ) {}

  @Get('report.pdf')
  async report(
    @Param('enterpriseId') enterpriseId: string,
    @Param('inspectionId') inspectionId: string,
    @Caller() caller: Principal,
    @Res() response: Response,
  ): Promise<void> {
    const id = parseRequest(inspectionIdParam, inspectionId);
    const pdf = await this.reports.download(parseEnterpriseId(enterpriseId), id, caller.subject);
    response
      .status(200)
      .setHeader('content-type', 'application/pdf')
      .setHeader('content-disposition', `attachment; filename="inspection-report-${id}.pdf"`)
      .setHeader('cache-control', 'no-store')
      .end(pdf);
  }

  @Post('evidence-packs')
  @HttpCode(202)
  create(
    @Param('enterpriseId') enterpriseId: string,
    @Param('inspectionId') inspectionId: string,
    @Caller() caller: Principal,
  ) {
    return this.packs.create(
      parseEnterpriseId(enterpriseId),
      parseRequest(inspectionIdParam, inspectionId),
      caller,
    );
  }

  @Get('evidence-packs/:packId')
  get(
    @Param('enterpriseId') enterpriseId: string,
    @Param('inspectionId') inspectionId: string,
    @Param('packId') packId: string,
    @Caller() caller: Principal,
  ) {
    return this.packs.get(
      parseEnterpriseId(enterpriseId),
      parseRequest(inspectionIdParam, inspectionId),
      parseRequest(packIdParam, packId),
      caller,
    );
  }
}
