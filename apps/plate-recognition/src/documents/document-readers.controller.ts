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
import { type DocumentReadKind, type DrivingLicenceRead, type InventoryListRead } from '@ecogate/contracts';
import { type PoolRefusal, type UnreadableReason } from '@ecogate/lpr';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { type Request, type Response } from 'express';
import { APP_CONFIG, type PlateRecognitionConfig } from '../config/plate-recognition.config';
import { imageFrom, type UploadedImage } from '../http/image-body';
import { DocumentReadersService } from './document-readers.service';

type UnreadableImage = {
  readonly kind: 'unreadable-image';
  readonly reason: UnreadableReason;
  readonly message: string;
};
export type DocumentReadResponse<R> = R | UnreadableImage | PoolRefusal;

/**
 * The ledger's document readers: a photo (raw `image/jpeg|png|bmp` body, or multipart field
 * `image`, taken as `POST /recognize` takes it) → what the document says. 200 also when the photo
 * does not show the document (`found: false`): the caller leaves the record for a person.
 */
@Controller()
export class DocumentReadersController {
  constructor(
    @Inject(DocumentReadersService) private readonly readers: DocumentReadersService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: PlateRecognitionConfig,
  ) {}

  /** A 行驶证 → its fields, each with a confidence, the unread ones named. */
  @Post('documents/driving-licence/read')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileInterceptor('image'))
  async readDrivingLicence(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file: UploadedImage | undefined,
  ): Promise<DocumentReadResponse<DrivingLicenceRead>> {
    const image = await imageFrom(req, file, this.config.http.maxBodyBytes);
    return this.answer('driving-licence', await this.readers.readDrivingLicence(image), res);
  }

  /** A 随车清单 → its QR code's disclosure number and VIN (no code, or another code: the reason). */
  @Post('documents/inventory-list/read')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileInterceptor('image'))
  async readInventoryList(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file: UploadedImage | undefined,
  ): Promise<DocumentReadResponse<InventoryListRead>> {
    const image = await imageFrom(req, file, this.config.http.maxBodyBytes);
    return this.answer('inventory-list', await this.readers.readInventoryList(image), res);
  }

  private answer<R>(
    document: DocumentReadKind,
    outcome: { readonly kind: 'read'; readonly read: R } | UnreadableImage | PoolRefusal,
    res: Response,
  ): DocumentReadResponse<R> {
    switch (outcome.kind) {
      case 'read':
        return outcome.read;
      case 'unreadable-image':
        res.status(HttpStatus.UNPROCESSABLE_ENTITY);
        return { kind: outcome.kind, reason: outcome.reason, message: outcome.message };
      case 'overloaded':
      case 'timed-out':
        this.logger.warn({ document, kind: outcome.kind }, 'document read refused');
        res.setHeader('Retry-After', '1');
        res.status(HttpStatus.SERVICE_UNAVAILABLE);
        return outcome;
      case 'failed':
        this.logger.error({ document, message: outcome.message }, 'document read failed');
        res.status(HttpStatus.INTERNAL_SERVER_ERROR);
        return outcome;
    }
  }
}
