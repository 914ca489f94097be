/** Refusals of the live lanes stream; mapped to HTTP at the edge (`LIVE_ERROR_STATUS`). */
export type LiveErrorCode = 'too-many-streams' | 'live-unavailable';

export class LiveError extends Error {
  constructor(
    readonly code: LiveErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LiveError';
  }
}

/** The HTTP status of each code, for the gateway's `CodedErrorFilter` table. */
export const LIVE_ERROR_STATUS: Readonly<Record<LiveErrorCode, number>> = {
  'too-many-streams': 429,
  'live-unavailable': 503,
};
