import {
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { type DrivingLicenceRead } from '@ecogate/contracts';
import { type PoolRefusal, type UnreadableReason } from '@ecogate/lpr';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { type Request, type Response } from 'express';
import { APP_CONFIG, type PlateRecognitionConfig } from '../config/plate-recognition.config';
import { imageFrom, type UploadedImage } from '../http/image-body';
import { DrivingLicenceService } from './driving-licence.service';

export type DrivingLicenceResponse =
  | DrivingLicenceRead
  | { readonly kind: 'unreadable-image'; readonly reason: UnreadableReason; readonly message: string }
  | PoolRefusal;

@Controller()
export class DrivingLicenceController {
  constructor(
    @Inject(DrivingLicenceService) private readonly licences: DrivingLicenceService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: PlateRecognitionConfig,
  ) {}

  /**
   * A photo of a 行驶证 (raw `image/jpeg|png|bmp` body, or multipart field `image`) → its fields,
   * each with a confidence, the unread ones named. 200 also when the photo shows no licence
   * (`found: false`): the caller leaves the record for a person.
   */
  @Post('documents/driving-licence/read')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileInterceptor('image'))
  async read(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file: UploadedImage | undefined,
  ): Promise<DrivingLicenceResponse> {
    const image = await imageFrom(req, file, this.config.http.maxBodyBytes);
    const outcome = await this.licences.read(image);
    switch (outcome.kind) {
      case 'read':
        return outcome.read;
      case 'unreadable-image':
        res.status(HttpStatus.UNPROCESSABLE_ENTITY);
        return { kind: outcome.kind, reason: outcome.reason, message: outcome.message };
      case 'overloaded':
      case 'timed-out':
        this.logger.warn({ kind: outcome.kind }, 'driving-licence read refused');
        res.setHeader('Retry-After', '1');
        res.status(HttpStatus.SERVICE_UNAVAILABLE);
        return outcome;
      case 'failed':
        this.logger.error({ message: outcome.message }, 'driving-licence read failed');
        res.status(HttpStatus.INTERNAL_SERVER_ERROR);
        return outcome;
    }
  }
}
