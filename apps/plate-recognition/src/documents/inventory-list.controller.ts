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
import { type InventoryListRead } from '@ecogate/contracts';
import { type PoolRefusal, type UnreadableReason } from '@ecogate/lpr';
import { type Logger, LOGGER } from '@ecogate/telemetry';
import { type Request, type Response } from 'express';
import { APP_CONFIG, type PlateRecognitionConfig } from '../config/plate-recognition.config';
import { imageFrom, type UploadedImage } from '../http/image-body';
import { InventoryListService } from './inventory-list.service';

export type InventoryListResponse =
  | InventoryListRead
  | { readonly kind: 'unreadable-image'; readonly reason: UnreadableReason; readonly message: string }
  | PoolRefusal;

@Controller()
export class InventoryListController {
  constructor(
    @Inject(InventoryListService) private readonly lists: InventoryListService,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: PlateRecognitionConfig,
  ) {}

  /**
   * A photo of a 随车清单 (raw `image/jpeg|png|bmp` body, or multipart field `image`) → its QR
   * code's disclosure number and VIN. 200 also when the photo has no code, or another code
   * (`found: false` with the reason): the caller leaves the record for a person.
   */
  @Post('documents/inventory-list/read')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(FileInterceptor('image'))
  async read(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file: UploadedImage | undefined,
  ): Promise<InventoryListResponse> {
    const image = await imageFrom(req, file, this.config.http.maxBodyBytes);
    const outcome = await this.lists.read(image);
    switch (outcome.kind) {
      case 'read':
        return outcome.read;
      case 'unreadable-image':
        res.status(HttpStatus.UNPROCESSABLE_ENTITY);
        return { kind: outcome.kind, reason: outcome.reason, message: outcome.message };
      case 'overloaded':
      case 'timed-out':
        this.logger.warn({ kind: outcome.kind }, 'inventory-list read refused');
        res.setHeader('Retry-After', '1');
        res.status(HttpStatus.SERVICE_UNAVAILABLE);
        return outcome;
      case 'failed':
        this.logger.error({ message: outcome.message }, 'inventory-list read failed');
        res.status(HttpStatus.INTERNAL_SERVER_ERROR);
        return outcome;
    }
  }
}
