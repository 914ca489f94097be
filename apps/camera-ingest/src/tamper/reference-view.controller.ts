import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res, UseFilters } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { idSchema } from '@ecogate/contracts';
import { type EnterpriseId, isEnterpriseId } from '@ecogate/persistence';
import { type Response } from 'express';
import { z } from 'zod';
import { OnvifErrorFilter } from '../onvif/onvif-error.filter';
import { IngestException } from '../push/ingest.exception';
import {
  type ReferenceViewHistory,
  type ReferenceViewView,
  takeReferenceViewSchema,
} from './reference-view.dto';
import { ReferenceViewService } from './reference-view.service';

/** `…/devices/:deviceId/reference-view`: take (or re-take) a camera's reference view, and read its takes. */
@Controller('api/v1/enterprises/:enterpriseId/devices/:deviceId/reference-view')
@UseFilters(OnvifErrorFilter)
export class ReferenceViewController {
  constructor(@Inject(ReferenceViewService) private readonly views: ReferenceViewService) {}

  @Post()
  @HttpCode(201)
  take(
    @Param('enterpriseId') enterpriseId: string,
    @Param('deviceId') deviceId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ): Promise<ReferenceViewView> {
    const request = takeReferenceViewSchema.safeParse(body ?? {});
    if (!request.success) throw new IngestException('invalid-request', z.prettifyError(request.error));
    return this.views.take(validEnterprise(enterpriseId, deviceId), deviceId, request.data, caller);
  }

  @Get()
  history(
    @Param('enterpriseId') enterpriseId: string,
    @Param('deviceId') deviceId: string,
  ): Promise<ReferenceViewHistory> {
    return this.views.history(validEnterprise(enterpriseId, deviceId), deviceId);
  }

  @Get(':viewId/image')
  async image(
    @Param('enterpriseId') enterpriseId: string,
    @Param('deviceId') deviceId: string,
    @Param('viewId') viewId: string,
    @Res() response: Response,
  ): Promise<void> {
    if (!z.uuid().safeParse(viewId).success) throw new IngestException('invalid-request', 'invalid view id');
    const link = await this.views.imageLink(validEnterprise(enterpriseId, deviceId), deviceId, viewId);
    response.setHeader('Cache-Control', `private, max-age=${link.maxAgeSeconds}`);
    response.redirect(302, link.url);
  }
}

function validEnterprise(enterpriseId: string, deviceId: string): EnterpriseId {
  if (!isEnterpriseId(enterpriseId) || !idSchema.safeParse(deviceId).success)
    throw new IngestException('invalid-request', 'invalid id in the path');
  return enterpriseId;
}
