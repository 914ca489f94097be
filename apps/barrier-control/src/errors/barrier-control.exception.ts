/** Failure codes of the operator API; mapped to HTTP only at the edge (its `*_ERROR_STATUS` table). */
export type BarrierControlErrorCode =
  | 'invalid-request'
  | 'lane-not-found'
  | 'no-vehicle-at-lane'
  | 'idempotency-key-required'
  | 'idempotency-key-reused';

export class BarrierControlException extends Error {
  constructor(
    readonly code: BarrierControlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BarrierControlException';
  }
}

/** The HTTP status of each code, at the edge (`CodedErrorFilter`). */
export const BARRIER_CONTROL_ERROR_STATUS: Readonly<Record<BarrierControlErrorCode, number>> = {
  'invalid-request': 400,
  'lane-not-found': 404,
  'no-vehicle-at-lane': 409,
  'idempotency-key-required': 400,
  'idempotency-key-reused': 409,
};
