import {
  BadRequestException,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { type Request, type Response } from 'express';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { APP_CONFIG, type PlateRecognitionConfig } from '../config/plate-recognition.config';
import { imageFrom, type UploadedImage } from '../http/image-body';
import { type RecognitionResponse, toHttpResponse } from './recognition-response';
import { RecognitionService } from './recognition.service';

@Controller()
export class RecognitionController {
  constructor(
    @Inject(RecognitionService) private readonly recognition: RecognitionService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: PlateRecognitionConfig,
  ) {}

  /**
   * One image in (raw `image/jpeg|png|bmp` body, or multipart field `image`); every plate out.
   * `?mode=crop` when the image is a single plate crop (e.g. an ANPR camera's).
   */
  @Post('recognize')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileInterceptor('image'))
  async recognize(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file: UploadedImage | undefined,
    @Query('mode') mode: string | undefined,
  ): Promise<RecognitionResponse> {
    if (mode !== undefined && mode !== 'scene' && mode !== 'crop')
      throw new BadRequestException('mode must be scene or crop');
    const image = await imageFrom(req, file, this.config.http.maxBodyBytes);
    const result = await this.recognition.recognize(image, mode ?? 'scene');
    const { status, body } = toHttpResponse(result);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) res.setHeader('Retry-After', '1');
    if (status !== HttpStatus.OK) this.logger.warn({ kind: result.kind, status }, 'recognition refused');
    res.status(status);
    return body;
  }
}
