import { Controller, Get, Inject, Res } from '@nestjs/common';
import { type Response } from 'express';
import { type PoolStats } from '@ecogate/lpr';
import { RecognitionService } from '../recognition/recognition.service';

export interface HealthResponse {
  readonly status: 'ok' | 'unavailable';
  readonly pool: PoolStats;
}

@Controller()
export class HealthController {
  constructor(@Inject(RecognitionService) private readonly recognition: RecognitionService) {}

  /** 200 while at least one worker has its models loaded; 503 otherwise. */
  @Get('health')
  health(@Res({ passthrough: true }) res: Response): HealthResponse {
    const pool = this.recognition.poolStats();
    const ok = pool.ready > 0;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', pool };
  }
}
