import { type EventEnvelope } from '@ecogate/contracts';
import { type EventContext } from '@ecogate/messaging';
import { type DataSource, parseEnterpriseId } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { deriveSerial } from '../delivery/delivery-serial';
import { type DeliveryRepository } from '../delivery/delivery.repository';

export type RecordPassageOutcome = 'queued' | 'already-queued' | 'duplicate-event';

/**
 * Queues a recorded passage for delivery. The event claim and the delivery row commit in one
 * transaction: a redelivered event is skipped by its id, and a re-published passage (new event
 * id, same passage, direction and revision) derives the same serial and inserts nothing.
 */
export class RecordPassageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly log: Logger,
  ) {}

  execute(
    event: EventEnvelope<'ledger.passage.recorded.v1'>,
    context: EventContext,
  ): Promise<RecordPassageOutcome> {
    const passage = event.payload;
    const enterpriseId = parseEnterpriseId(passage.enterpriseId);
    const serial = deriveSerial(passage);
    return this.dataSource.transaction(async (tx) => {
      if (!(await context.claim(tx))) return 'duplicate-event';
      const inserted = await this.deliveries.insertNew(tx, enterpriseId, { serial, passage });
      if (!inserted) this.log.debug({ serial, passageId: passage.passageId }, 'passage already queued');
      return inserted ? 'queued' : 'already-queued';
    });
  }
}
