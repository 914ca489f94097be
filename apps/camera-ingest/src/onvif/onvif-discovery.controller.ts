import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Caller, type Principal } from '@ecogate/auth';
import { idSchema } from '@ecogate/contracts';
import { isEnterpriseId } from '@ecogate/persistence';
import { z } from 'zod';
import { IngestException } from '../push/ingest.exception';
import { discoveryRequestSchema, type SiteDiscovery } from './onvif-discovery.dto';
import { OnvifDiscoveryService } from './onvif-discovery.service';

/** `POST /api/v1/enterprises/:e/sites/:siteId/onvif-discovery`: the ONVIF devices in a site's networks. */
@Controller('api/v1/enterprises/:enterpriseId/sites/:siteId/onvif-discovery')
export class OnvifDiscoveryController {
  constructor(@Inject(OnvifDiscoveryService) private readonly discovery: OnvifDiscoveryService) {}

  @Post()
  @HttpCode(200)
  discover(
    @Param('enterpriseId') enterpriseId: string,
    @Param('siteId') siteId: string,
    @Caller() caller: Principal,
    @Body() body: unknown,
  ): Promise<SiteDiscovery> {
    if (!isEnterpriseId(enterpriseId) || !idSchema.safeParse(siteId).success)
      throw new IngestException('invalid-request', 'invalid id in the path');
    const request = discoveryRequestSchema.safeParse(body ?? {});
    if (!request.success) throw new IngestException('invalid-request', z.prettifyError(request.error));
    return this.discovery.discover(enterpriseId, siteId, request.data, caller);
  }
}
