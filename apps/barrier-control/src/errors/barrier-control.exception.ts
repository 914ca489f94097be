/** Failure codes of the operator API; mapped to HTTP only in `BarrierControlExceptionFilter`. */
export type BarrierControlErrorCode = 'invalid-request' | 'lane-not-found' | 'no-vehicle-at-lane';

export class BarrierControlException extends Error {
  constructor(
    readonly code: BarrierControlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BarrierControlException';
  }
}
