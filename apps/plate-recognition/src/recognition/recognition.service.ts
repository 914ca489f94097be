import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  type PipelineMode,
  type PlateReader,
  type PoolStats,
  type RecognitionPool,
  type RecognitionResult,
} from '@ecogate/lpr';
import { PLATE_READER, RECOGNITION_POOL } from './recognition.tokens';

/** The service's use of the engine: read one image; report the pool; stop the workers on shutdown. */
@Injectable()
export class RecognitionService implements OnApplicationShutdown {
  constructor(
    @Inject(RECOGNITION_POOL) private readonly pool: RecognitionPool,
    @Inject(PLATE_READER) private readonly reader: PlateReader,
  ) {}

  recognize(image: Uint8Array, mode: PipelineMode): Promise<RecognitionResult> {
    return this.reader.read(image, mode);
  }

  poolStats(): PoolStats {
    return this.pool.stats();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
