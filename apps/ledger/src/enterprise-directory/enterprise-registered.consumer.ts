import { type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ENTERPRISE_TOPIC, EnterpriseProfiles } from './enterprise-profiles';

/** Takes the gateway's directory records into `enterprise_profiles` (same group as the intake: `ledger`). */
@Controller()
export class EnterpriseRegisteredConsumer {
  constructor(@Inject(EnterpriseProfiles) private readonly profiles: EnterpriseProfiles) {}

  @EventPattern(ENTERPRISE_TOPIC)
  async onRegistered(
    @Payload() event: EventEnvelope<typeof ENTERPRISE_TOPIC>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    await this.profiles.apply(event, context);
  }
}
