/** A refusal with its `{ code, reason }`; the status comes from `GATEWAY_ERROR_STATUS`. */
export class GatewayError extends Error {
  constructor(
    readonly code: keyof typeof GATEWAY_ERROR_STATUS,
    reason: string,
  ) {
    super(reason);
  }
}

export const GATEWAY_ERROR_STATUS = {
  'invalid-request': 400,
  'weak-password': 400,
  'invalid-credentials': 401,
  'totp-required': 401,
  'invalid-totp': 401,
  'session-ended': 401,
  'csrf-failed': 403,
  'password-change-required': 403,
  'totp-enrolment-required': 403,
  'account-disabled': 403,
  'not-found': 404,
  'username-taken': 409,
  'sso-account': 409,
  conflict: 409,
  'account-locked': 423,
  'rate-limited': 429,
} as const;
