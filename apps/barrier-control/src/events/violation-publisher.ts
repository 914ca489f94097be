import { type LaneRef, type PayloadOf } from '@ecogate/contracts';
import { type EventPublisher } from '@ecogate/messaging';
import { stableId, stableUuid } from '../decide-on-read/decision-mapping';

export type ViolationKind = PayloadOf<'gate.violation.detected.v1'>['kind'];

/** Publishes `gate.violation.detected.v1`; the id follows from what caused it, so a redelivery repeats it. */
export class ViolationPublisher {
  constructor(private readonly publisher: EventPublisher) {}

  async publish(
    lane: LaneRef,
    violation: { kind: ViolationKind; plate?: string; details: string },
    at: Date,
    cause: string,
  ): Promise<void> {
    const violationId = stableId('vio', violation.kind, lane.enterpriseId, lane.laneId, cause);
    await this.publisher.publish('gate.violation.detected.v1', {
      enterpriseId: lane.enterpriseId,
      key: lane.laneId,
      eventId: stableUuid(violationId),
      payload: {
        violationId,
        lane,
        kind: violation.kind,
        ...(violation.plate ? { plate: violation.plate.slice(0, 16) } : {}),
        at: at.toISOString(),
        details: violation.details.slice(0, 500),
      },
    });
  }
}
