/** Failure codes of the ledger API; mapped to HTTP only at the edge (its `*_ERROR_STATUS` table). */
export type LedgerErrorCode =
  | 'invalid-request'
  | 'invalid-enterprise-id'
  | 'passage-not-found'
  | 'vehicle-not-found'
  | 'revision-conflict';

export class LedgerException extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerException';
  }
}

/** The HTTP status of each code, at the edge (`CodedErrorFilter`). */
export const LEDGER_ERROR_STATUS: Readonly<Record<LedgerErrorCode, number>> = {
  'invalid-request': 400,
  'invalid-enterprise-id': 400,
  'passage-not-found': 404,
  'vehicle-not-found': 404,
  'revision-conflict': 409,
};
