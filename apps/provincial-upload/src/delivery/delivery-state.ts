/**
 * A record's delivery state, kept in Postgres so it survives restarts:
 * - `pending`: waiting for its next attempt (`next_attempt_at`);
 * - `in-flight`: claimed by one dispatcher under a lease; back to `pending` if the lease expires;
 * - `acknowledged`: the platform answered `accepted` or `duplicate` (both mean it holds the record);
 * - `rejected`: the platform (or our pre-send validation) refused it; waits for an operator correction;
 * - `dead`: given up (attempts exhausted, or superseded by a later revision); an operator may re-push.
 */
export const DELIVERY_STATES = ['pending', 'in-flight', 'acknowledged', 'rejected', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type DeliveryEvent =
  | 'claimed'
  | 'acknowledged'
  | 'rejected'
  | 'failed'
  | 'released'
  | 'gave-up'
  | 'corrected'
  | 're-pushed'
  | 'superseded';

/** Which events each state accepts and where they lead; everything else is refused. */
const TRANSITIONS: Readonly<Record<DeliveryState, Partial<Record<DeliveryEvent, DeliveryState>>>> = {
  pending: { claimed: 'in-flight', superseded: 'dead', 're-pushed': 'pending' },
  'in-flight': {
    acknowledged: 'acknowledged',
    rejected: 'rejected',
    failed: 'pending',
    // A configuration error (401) hands the record back without blaming it.
    released: 'pending',
    'gave-up': 'dead',
    // The lease ran out (the dispatcher died): another one may claim it.
    claimed: 'in-flight',
  },
  acknowledged: { 're-pushed': 'pending' },
  rejected: { corrected: 'pending', 're-pushed': 'pending', superseded: 'dead' },
  dead: { 're-pushed': 'pending', corrected: 'pending' },
};

export class InvalidTransitionError extends Error {
  readonly code = 'invalid-transition';

  constructor(
    readonly from: DeliveryState,
    readonly event: DeliveryEvent,
  ) {
    super(`a ${from} record cannot be ${event}`);
    this.name = 'InvalidTransitionError';
  }
}

export function nextState(from: DeliveryState, event: DeliveryEvent): DeliveryState {
  const to = TRANSITIONS[from][event];
  if (to === undefined) throw new InvalidTransitionError(from, event);
  return to;
}

/** The states from which `event` is allowed: the repositories' SQL guards use this list. */
export const statesAccepting = (event: DeliveryEvent): DeliveryState[] =>
  DELIVERY_STATES.filter((state) => TRANSITIONS[state][event] !== undefined);
