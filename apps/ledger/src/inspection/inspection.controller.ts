import { Caller, type Principal } from '@ecogate/auth';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { parseRequest } from '../api/request-parsing';
import { crossEnterpriseListQuery, inspectionListQuery } from './inspection-list';
import { createInspectionSchema, InspectionService, markItemSchema } from './inspection.service';

export const inspectionIdParam = z.uuid();

/** The caller's account id and display name (a service's token names the service). */
const actorOf = (caller: Principal) => ({ actor: caller.subject, actorName: caller.name });

/**
 * `…/inspections`: an inspector's sample of the enterprise's ledger and video (issue #16). Who may
 * call which route, and for which enterprises, is the policy table's (inspectors within their
 * districts; enterprise admins read).
 */
@Controller('api/v1/enterprises/:enterpriseId/inspections')
export class InspectionController {
  constructor(@Inject(InspectionService) private readonly inspections: InspectionService) {}

  @Post()
  create(@Param('enterpriseId') enterpriseId: string, @Caller() caller: Principal, @Body() body: unknown) {
    return this.inspections.create(parseEnterpriseId(enterpriseId), {
      ...parseRequest(createInspectionSchema, body ?? {}),
      ...actorOf(caller),
    });
  }

  @Get()
  list(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.inspections.list([parseEnterpriseId(enterpriseId)], parseRequest(inspectionListQuery, query));
  }

  @Get(':inspectionId')
  get(@Param('enterpriseId') enterpriseId: string, @Param('inspectionId') inspectionId: string) {
    return this.inspections.get(
      parseEnterpriseId(enterpriseId),
      parseRequest(inspectionIdParam, inspectionId),
    );
  }

  @Get(':inspectionId/indicators')
  indicators(@Param('enterpriseId') enterpriseId: string, @Param('inspectionId') inspectionId: string) {
    return this.inspections.indicators(
      parseEnterpriseId(enterpriseId),
      parseRequest(inspectionIdParam, inspectionId),
    );
  }

  @Put(':inspectionId/items/:itemId')
  mark(
    @Param('enterpriseId') enterpriseId: string,
    @Param('inspectionId') inspectionId: string,
    @Param('itemId') itemId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ) {
    return this.inspections.mark(
      parseEnterpriseId(enterpriseId),
      parseRequest(inspectionIdParam, inspectionId),
      parseRequest(inspectionIdParam, itemId),
      { ...parseRequest(markItemSchema, body), ...actorOf(caller) },
    );
  }

  @Post(':inspectionId/close')
  @HttpCode(200)
  close(
    @Param('enterpriseId') enterpriseId: string,
    @Param('inspectionId') inspectionId: string,
    @Caller() caller: Principal,
  ) {
    return this.inspections.close(
      parseEnterpriseId(enterpriseId),
      parseRequest(inspectionIdParam, inspectionId),
      actorOf(caller),
    );
  }
}

/**
 * `GET /api/v1/inspections`: the inspections of the caller's enterprises (an inspector's districts;
 * `*` for city-wide roles). No enterprise in the path: a `CALLER_FILTERED_ROUTES` route, the
 * answer limited here to the token's enterprises.
 */
@Controller('api/v1/inspections')
export class InspectionsAcrossEnterprisesController {
  constructor(@Inject(InspectionService) private readonly inspections: InspectionService) {}

  @Get()
  list(@Caller() caller: Principal, @Query() query: unknown) {
    return this.inspections.list(caller.enterprises, parseRequest(crossEnterpriseListQuery, query));
  }
}
