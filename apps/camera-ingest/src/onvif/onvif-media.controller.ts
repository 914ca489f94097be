import { Controller, Get, Inject, Param, UseFilters } from '@nestjs/common';
import { idSchema } from '@ecogate/contracts';
import { isEnterpriseId } from '@ecogate/persistence';
import { IngestException } from '../push/ingest.exception';
import { OnvifErrorFilter } from './onvif-error.filter';
import { type DeviceMedia, OnvifMediaService } from './onvif-media.service';

/** `GET /api/v1/enterprises/:e/devices/:id/media`: stream and snapshot URIs of an ONVIF camera (video-archive). */
@Controller('api/v1/enterprises/:enterpriseId/devices/:deviceId/media')
@UseFilters(OnvifErrorFilter)
export class OnvifMediaController {
  constructor(@Inject(OnvifMediaService) private readonly media: OnvifMediaService) {}

  @Get()
  get(
    @Param('enterpriseId') enterpriseId: string,
    @Param('deviceId') deviceId: string,
  ): Promise<DeviceMedia> {
    if (!isEnterpriseId(enterpriseId))
      throw new IngestException('invalid-request', 'invalid enterprise id in the path');
    if (!idSchema.safeParse(deviceId).success)
      throw new IngestException('invalid-request', 'invalid id in the path');
    return this.media.media(enterpriseId, deviceId);
  }
}
