import { type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ViolationsService } from './violations.service';

export const VIOLATION_TOPIC = 'gate.violation.detected.v1';

/** Takes barrier control's violations into `gate_violations` (same group as the intake: `ledger`). */
@Controller()
export class ViolationDetectedConsumer {
  constructor(@Inject(ViolationsService) private readonly violations: ViolationsService) {}

  @EventPattern(VIOLATION_TOPIC)
  async onDetected(
    @Payload() event: EventEnvelope<typeof VIOLATION_TOPIC>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.violations.record(event, context);
  }
}
