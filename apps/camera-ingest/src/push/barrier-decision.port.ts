import { type LaneRef } from '@ecogate/contracts';

/** What the decision sees of a fresh (not back-filled, not duplicate) camera read. */
export interface BarrierQuestion {
  readonly lane: LaneRef;
  /** The capture's id in `anpr.plate.read.v1`: barrier-control answers for this capture. */
  readonly captureId: string;
  readonly deviceId: string;
  readonly plateText: string;
  readonly verdict: 'trusted' | 'needs-review';
  readonly capturedAt: Date;
}

export type BarrierDecision =
  | { readonly kind: 'open' }
  | { readonly kind: 'keep-closed'; readonly reason: string }
  /** Nobody decided (yet): the barrier stays down. */
  | { readonly kind: 'no-decision-yet' };

/**
 * Answers, within the camera's HTTP request, whether its relay may lift the barrier (Vzenith-style
 * cameras obey the HTTP reply). `HttpBarrierDecision` asks barrier-control when `BARRIER_CONTROL_URL`
 * is set; otherwise `NoBarrierDecision`: nothing opens.
 */
export interface BarrierDecisionPort {
  decide(question: BarrierQuestion): Promise<BarrierDecision>;
}

export const BARRIER_DECISION = Symbol('BARRIER_DECISION');

/** The default: no admission logic here, so never open (fail closed). */
export class NoBarrierDecision implements BarrierDecisionPort {
  async decide(): Promise<BarrierDecision> {
    return { kind: 'no-decision-yet' };
  }
}
