import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type Response } from 'express';
import { z } from 'zod';
import { parseRequest } from '../api/request-parsing';
import { redirectToPhoto } from '../photos/passage-photos.controller';
import { TAMPER_IMAGES, tamperEpisodesQuery, TamperEpisodesService } from './tamper-episodes.service';

export const tamperImageParam = z.enum(TAMPER_IMAGES);

/**
 * `GET …/camera-tamper-episodes?from&to[&cameraId]`: the enterprise's camera tamper episodes, and
 * `GET …/camera-tamper-episodes/:episodeId/images/:image`: 302 to a short-lived link of an image.
 */
@Controller('api/v1/enterprises/:enterpriseId/camera-tamper-episodes')
export class TamperEpisodesController {
  constructor(@Inject(TamperEpisodesService) private readonly episodes: TamperEpisodesService) {}

  @Get()
  list(@Param('enterpriseId') enterpriseId: string, @Query() query: unknown) {
    return this.episodes.list(parseEnterpriseId(enterpriseId), parseRequest(tamperEpisodesQuery, query));
  }

  @Get(':episodeId/images/:image')
  async image(
    @Param('enterpriseId') enterpriseId: string,
    @Param('episodeId') episodeId: string,
    @Param('image') image: string,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.episodes.image(
      parseEnterpriseId(enterpriseId),
      parseRequest(z.uuid(), episodeId),
      parseRequest(tamperImageParam, image),
    );
    redirectToPhoto(response, link);
  }
}
