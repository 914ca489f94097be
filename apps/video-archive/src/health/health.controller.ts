import { Controller, Get, Inject, Res } from '@nestjs/common';
import { DataSource } from '@ecogate/persistence';
import { type RecorderStatus } from '../recorder/camera-recorder';
import { RecorderFleet } from '../recorder/recorder-fleet';

interface JsonResponse {
  status(code: number): JsonResponse;
}

export interface HealthBody {
  readonly status: 'ok' | 'degraded';
  /** Why it is degraded: spool above its bound, uploads failing, ffmpeg restarting. */
  readonly problems: string[];
  readonly recorders: RecorderStatus[];
}

/**
 * Liveness and what an operator must act on: a spool above its bound (object store down long
 * enough that the disk fills) answers 503 `degraded`, so the monitoring that polls it alerts.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RecorderFleet) private readonly fleet: RecorderFleet,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) response: JsonResponse): Promise<HealthBody> {
    await this.dataSource.query('SELECT 1');
    const recorders = this.fleet.statuses();
    const problems: string[] = [];
    for (const r of recorders) {
      if (r.spoolOverLimit)
        problems.push(`${r.enterpriseId}/${r.cameraId}: spool above its bound (${r.spoolBytes} bytes)`);
      if (r.uploadFailing)
        problems.push(`${r.enterpriseId}/${r.cameraId}: uploads failing, spooling locally`);
      if (r.state === 'restarting')
        problems.push(`${r.enterpriseId}/${r.cameraId}: not recording, ffmpeg restarting`);
    }
    const overLimit = recorders.some((r) => r.spoolOverLimit);
    if (overLimit) response.status(503);
    return { status: problems.length > 0 ? 'degraded' : 'ok', problems, recorders };
  }
}
