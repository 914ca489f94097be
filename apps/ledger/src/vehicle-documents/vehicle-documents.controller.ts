import { Controller, Get, Inject, Param, Put, Req } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { BodyTooLargeError, readLimitedBody } from '@ecogate/http-edge';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type Request } from 'express';
import { z } from 'zod';
import { parseRequest } from '../api/request-parsing';
import { LedgerException } from '../errors/ledger.exception';
import { plateParam } from '../vehicle-registry/vehicle-registry.service';
import { DOCUMENT_KINDS, VehicleDocumentsService } from './vehicle-documents.service';

export const VEHICLE_DOCUMENTS_MAX_BYTES = Symbol('VEHICLE_DOCUMENTS_MAX_BYTES');
const kindParam = z.enum(DOCUMENT_KINDS);

/**
 * `PUT …/vehicles/:plate/documents/:kind` with the file as the raw body (any Content-Type; the
 * signature decides), `GET` for a short-lived link.
 */
@Controller('api/v1/enterprises/:enterpriseId/vehicles/:plate/documents/:kind')
export class VehicleDocumentsController {
  constructor(
    @Inject(VehicleDocumentsService) private readonly documents: VehicleDocumentsService,
    @Inject(VEHICLE_DOCUMENTS_MAX_BYTES) private readonly maxBytes: number,
  ) {}

  @Put()
  async attach(
    @Param('enterpriseId') enterpriseId: string,
    @Param('plate') plate: string,
    @Param('kind') kind: string,
    @Caller() caller: Principal,
    @Req() request: Request,
  ) {
    const tenant = parseEnterpriseId(enterpriseId);
    const target = { plate: parseRequest(plateParam, plate), kind: parseRequest(kindParam, kind) };
    const operator = caller.subject;
    const bytes = await readLimitedBody(request, this.maxBytes, request.headers['content-length']).catch(
      (error: unknown) => {
        throw error instanceof BodyTooLargeError
          ? new LedgerException('document-too-large', `a document may have at most ${this.maxBytes} bytes`)
          : error;
      },
    );
    return this.documents.attach(tenant, target.plate, target.kind, bytes, operator);
  }

  @Get()
  link(
    @Param('enterpriseId') enterpriseId: string,
    @Param('plate') plate: string,
    @Param('kind') kind: string,
  ) {
    return this.documents.link(
      parseEnterpriseId(enterpriseId),
      parseRequest(plateParam, plate),
      parseRequest(kindParam, kind),
    );
  }
}
