import { type PayloadOf } from '@ecogate/contracts';
import { type RefusedAttemptEntity } from '../passage/refused-attempt.entity';

type Decision = PayloadOf<'gate.barrier.decided.v1'>;

/** The columns of a refused attempt, from the decision barrier control published (all but ids). */
export type RefusedAttemptRow = Omit<RefusedAttemptEntity, 'id' | 'enterpriseId'>;

/** A decision refused by a person: barrier control's manual refusal names its operator and says `manual`. */
export const isManualRefusal = (decision: Pick<Decision, 'operator' | 'reasons'>): boolean =>
  decision.operator !== undefined || decision.reasons.includes('manual');

/** What the ledger keeps of a deny / needs-review at a barrier lane, so a person can see it later. */
export function refusedAttemptOf(decision: Decision): RefusedAttemptRow {
  return {
    decisionId: decision.decisionId,
    siteId: decision.lane.siteId,
    gateId: decision.lane.gateId,
    laneId: decision.lane.laneId,
    direction: decision.lane.direction,
    plate: decision.plate.text,
    plateColour: decision.plate.colour || null,
    verdict: decision.verdict,
    reasons: [...decision.reasons],
    stage: decision.stage?.stage ?? null,
    stageSource: decision.stage?.source ?? null,
    alertLevel: decision.alertLevel,
    message: { zh: decision.message.zh, en: decision.message.en },
    manual: isManualRefusal(decision),
    operatorId: decision.operator?.id ?? null,
    operatorReason: decision.operator?.reason ?? null,
    capturedAt: new Date(decision.capturedAt),
    photos: {
      ...(decision.images.scene ? { vehicle: decision.images.scene } : {}),
      ...(decision.images.plate ? { plate: decision.images.plate } : {}),
    },
  };
}
