import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { idSchema } from '@ecogate/contracts';
import { parseEnterpriseId } from '@ecogate/persistence';
import { type Response } from 'express';
import { z } from 'zod';
import { parseRequest } from '../api/request-parsing';
import { PassagePhotosService, PHOTO_KINDS, PHOTO_SIDES, type PhotoLink } from './passage-photos.service';

export const photoSideParam = z.enum(PHOTO_SIDES);
export const photoKindParam = z.enum(PHOTO_KINDS);

/** 302 to the short-lived link; the browser may reuse the redirect a little less long than the link lives. */
export function redirectToPhoto(response: Response, link: PhotoLink): void {
  response.setHeader('Cache-Control', `private, max-age=${link.maxAgeSeconds}`);
  response.redirect(302, link.url);
}

/**
 * Photos for browsers: `GET …/passages/:passageId/photos/:side/:kind`,
 * `GET …/decisions/:decisionId/photos/:kind` and `GET …/loading-area-sightings/:sightingId/photos/:kind`
 * answer 302 to a presigned (MinIO) or signed (filesystem) link; 404 `photo-not-found` when there is none.
 */
@Controller('api/v1/enterprises/:enterpriseId')
export class PassagePhotosController {
  constructor(@Inject(PassagePhotosService) private readonly photos: PassagePhotosService) {}

  @Get('passages/:passageId/photos/:side/:kind')
  async ofPassage(
    @Param('enterpriseId') enterpriseId: string,
    @Param('passageId') passageId: string,
    @Param('side') side: string,
    @Param('kind') kind: string,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.photos.ofPassage(
      parseEnterpriseId(enterpriseId),
      parseRequest(z.uuid(), passageId),
      parseRequest(photoSideParam, side),
      parseRequest(photoKindParam, kind),
    );
    redirectToPhoto(response, link);
  }

  @Get('decisions/:decisionId/photos/:kind')
  async ofDecision(
    @Param('enterpriseId') enterpriseId: string,
    @Param('decisionId') decisionId: string,
    @Param('kind') kind: string,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.photos.ofDecision(
      parseEnterpriseId(enterpriseId),
      parseRequest(idSchema, decisionId),
      parseRequest(photoKindParam, kind),
    );
    redirectToPhoto(response, link);
  }

  @Get('loading-area-sightings/:sightingId/photos/:kind')
  async ofSighting(
    @Param('enterpriseId') enterpriseId: string,
    @Param('sightingId') sightingId: string,
    @Param('kind') kind: string,
    @Res() response: Response,
  ): Promise<void> {
    const link = await this.photos.ofSighting(
      parseEnterpriseId(enterpriseId),
      parseRequest(idSchema, sightingId),
      parseRequest(photoKindParam, kind),
    );
    redirectToPhoto(response, link);
  }
}
