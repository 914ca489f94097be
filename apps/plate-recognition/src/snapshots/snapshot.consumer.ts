import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type EventEnvelope } from '@ecogate/contracts';
import { LoadingAreaFrameReader } from './loading-area-frame-reader';
import { SnapshotReader } from './snapshot-reader';

/** Kafka entry point: retries, dead letters and duplicate claims are the transport's job. */
@Controller()
export class SnapshotConsumer {
  constructor(
    @Inject(SnapshotReader) private readonly snapshots: SnapshotReader,
    @Inject(LoadingAreaFrameReader) private readonly loadingAreaFrames: LoadingAreaFrameReader,
  ) {}

  @EventPattern('camera.snapshot.captured.v1')
  async onSnapshot(@Payload() event: EventEnvelope<'camera.snapshot.captured.v1'>): Promise<void> {
    await this.snapshots.handle(event);
  }

  /** Loading-area frames: sightings out, never lane reads (a loading area has no barrier). */
  @EventPattern('loading-area.snapshot.captured.v1')
  async onLoadingAreaFrame(
    @Payload() event: EventEnvelope<'loading-area.snapshot.captured.v1'>,
  ): Promise<void> {
    await this.loadingAreaFrames.handle(event);
  }
}
