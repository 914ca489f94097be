import { type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CAMERA_STATUS_TOPIC, CameraStatusService } from './camera-status.service';

/** Takes camera-ingest's status changes into `camera_statuses` (same group as the intake: `ledger`). */
@Controller()
export class CameraStatusConsumer {
  constructor(@Inject(CameraStatusService) private readonly cameras: CameraStatusService) {}

  @EventPattern(CAMERA_STATUS_TOPIC)
  async onChanged(
    @Payload() event: EventEnvelope<typeof CAMERA_STATUS_TOPIC>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.cameras.record(event, context);
  }
}
