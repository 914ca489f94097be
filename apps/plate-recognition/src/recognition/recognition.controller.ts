import {
  Controller,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseInterceptors,
  BadRequestException,
  HttpStatus,
  PayloadTooLargeException,
} from '@nestjs/common';
import { BodyTooLargeError, readLimitedBody } from '@ecogate/http-edge';
import { FileInterceptor } from '@nestjs/platform-express';
import { type Request, type Response } from 'express';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { APP_CONFIG, type PlateRecognitionConfig } from '../config/plate-recognition.config';
import { type RecognitionResponse, toHttpResponse } from './recognition-response';
import { RecognitionService } from './recognition.service';

/** Media types accepted as a raw body (the content is sniffed anyway; the type only routes the body). */
export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/bmp', 'image/x-ms-bmp', 'image/x-bmp'];

/** The part of a multer file this controller reads. */
interface UploadedImage {
  readonly buffer: Buffer;
}

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

/**
 * The image of a request the policy guard admitted. A raw body is read only here, after the guard,
 * so an unauthenticated caller never gets up to `maxBytes` buffered.
 */
async function imageFrom(
  req: Request,
  file: UploadedImage | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  // The header itself, not `req.is`: that answers null for an empty body, which deserves a typed `empty` result.
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'multipart/form-data') {
    if (!file) throw new BadRequestException('multipart request without an `image` file field');
    return file.buffer;
  }
  if (!IMAGE_MEDIA_TYPES.includes(mediaType)) {
    throw new UnsupportedMediaTypeException(
      `send ${IMAGE_MEDIA_TYPES.slice(0, 3).join(', ')} or multipart/form-data`,
    );
  }
  // An empty body is read as zero bytes; the engine answers that with a typed `empty` result.
  return readLimitedBody(req, maxBytes, req.headers['content-length']).catch((error: unknown) => {
    throw error instanceof BodyTooLargeError ? new PayloadTooLargeException(error.message) : error;
  });
}
