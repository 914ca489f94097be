/** Failure codes of the enterprise directory; mapped to HTTP at the edge (`ENTERPRISE_ERROR_STATUS`). */
export type EnterpriseErrorCode =
  | 'invalid-request'
  | 'invalid-credit-code'
  | 'invalid-district'
  | 'below-retention-floor'
  | 'enterprise-exists'
  | 'enterprise-not-found'
  | 'enterprise-inactive'
  | 'revision-conflict';

export class EnterpriseError extends Error {
  constructor(
    readonly code: EnterpriseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EnterpriseError';
  }
}

/** The HTTP status of each code, for the gateway's `CodedErrorFilter` table. */
export const ENTERPRISE_ERROR_STATUS: Readonly<Record<EnterpriseErrorCode, number>> = {
  'invalid-request': 400,
  'invalid-credit-code': 400,
  'invalid-district': 400,
  'below-retention-floor': 400,
  'enterprise-exists': 409,
  'enterprise-not-found': 404,
  'enterprise-inactive': 409,
  'revision-conflict': 409,
};
