import { type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { RecordDecisionService } from '../record-decision/record-decision.service';

export const LEDGER_CONSUMER_GROUP = 'ledger';

/** Takes barrier decisions off Kafka into ledger A (retries, dead letters and claims from the lib). */
@Controller()
export class BarrierDecidedConsumer {
  constructor(@Inject(RecordDecisionService) private readonly recordDecision: RecordDecisionService) {}

  @EventPattern('gate.barrier.decided.v1')
  async onDecided(
    @Payload() event: EventEnvelope<'gate.barrier.decided.v1'>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.recordDecision.execute(event, context);
  }
}
