import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { parseRequest } from '../api/request-parsing';
import { ExportService } from './export.service';
import {
  createCityExportSchema,
  createExportSchema,
  exportJobIdParam,
  type ExportJobList,
  type ExportJobView,
  listExportsQuery,
} from './export.schemas';

/** Excel export of one enterprise's ledger (导出): queue a job, watch it, fetch the file. */
@Controller('api/v1/enterprises/:enterpriseId/exports')
export class EnterpriseExportsController {
  constructor(@Inject(ExportService) private readonly exports: ExportService) {}

  @Post()
  @HttpCode(202)
  create(
    @Param('enterpriseId') enterpriseId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ): Promise<ExportJobView> {
    return this.exports.create(
      parseEnterpriseId(enterpriseId),
      parseRequest(createExportSchema, body),
      caller,
    );
  }

  @Get()
  list(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown): Promise<ExportJobList> {
    return this.exports.list(parseEnterpriseId(enterpriseId), parseRequest(listExportsQuery, query).limit);
  }

  @Get(':jobId')
  get(
    @Param('enterpriseId') enterpriseId: string,
    @Param('jobId') jobId: string,
    @Caller() caller: Principal,
  ): Promise<ExportJobView> {
    return this.exports.get(parseEnterpriseId(enterpriseId), parseRequest(exportJobIdParam, jobId), caller);
  }
}

/**
 * The city roles' export over several enterprises (one sheet, an enterprise column). The policy
 * admits city-admin, city-operator and inspector; the service checks each enterprise against
 * the caller's token, and shows only jobs all of whose enterprises the caller covers.
 */
@Controller('api/v1/exports')
export class CityExportsController {
  constructor(@Inject(ExportService) private readonly exports: ExportService) {}

  @Post()
  @HttpCode(202)
  create(@Caller() caller: Principal, @Body() body: unknown): Promise<ExportJobView> {
    return this.exports.createForEnterprises(parseRequest(createCityExportSchema, body), caller);
  }

  @Get()
  list(@Caller() caller: Principal, @Query() query: unknown): Promise<ExportJobList> {
    return this.exports.listCovered(caller, parseRequest(listExportsQuery, query).limit);
  }

  @Get(':jobId')
  get(@Param('jobId') jobId: string, @Caller() caller: Principal): Promise<ExportJobView> {
    return this.exports.getCovered(parseRequest(exportJobIdParam, jobId), caller);
  }
}
