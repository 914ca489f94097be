import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { parseEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { parseRequest } from '../api/request-parsing';
import {
  confirmDocumentReadSchema,
  documentReadsQuery,
  DocumentReadsService,
} from './document-reads.service';

/**
 * Vehicle documents read by plate recognition: `POST vehicle-document-reads` (backfill),
 * `GET vehicle-document-reads` (progress and reads), `GET …/:readId`, `POST …/:readId/confirmation`.
 */
@Controller('api/v1/enterprises/:enterpriseId/vehicle-document-reads')
export class DocumentReadsController {
  constructor(@Inject(DocumentReadsService) private readonly reads: DocumentReadsService) {}

  @Post()
  @HttpCode(202)
  backfill(@Param('enterpriseId') enterpriseId: string, @Caller() caller: Principal, @Body() body: unknown) {
    parseRequest(z.strictObject({}), body ?? {});
    return this.reads.backfill(parseEnterpriseId(enterpriseId), caller.subject);
  }

  @Get()
  list(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.reads.list(parseEnterpriseId(enterpriseId), parseRequest(documentReadsQuery, query));
  }

  @Get(':readId')
  get(@Param('enterpriseId') enterpriseId: string, @Param('readId') readId: string) {
    return this.reads.get(parseEnterpriseId(enterpriseId), parseRequest(z.uuid(), readId));
  }

  @Post(':readId/confirmation')
  @HttpCode(200)
  confirm(
    @Param('enterpriseId') enterpriseId: string,
    @Param('readId') readId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.reads.confirm(
      parseEnterpriseId(enterpriseId),
      parseRequest(z.uuid(), readId),
      parseRequest(confirmDocumentReadSchema, body),
      caller.subject,
    );
  }
}
