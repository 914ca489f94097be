import { type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { LoadingAreasService } from './loading-areas.service';

export const SIGHTING_TOPIC = 'loading-area.vehicle.seen.v1';

/** Takes loading-area sightings into the ledger and judges them (same group as the intake: `ledger`). */
@Controller()
export class LoadingAreaSightingConsumer {
  constructor(@Inject(LoadingAreasService) private readonly loadingAreas: LoadingAreasService) {}

  @EventPattern(SIGHTING_TOPIC)
  async onSeen(
    @Payload() event: EventEnvelope<typeof SIGHTING_TOPIC>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.loadingAreas.recordSighting(event, context);
  }
}
