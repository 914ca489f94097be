/** Failure codes of the ledger API; mapped to HTTP only in `LedgerExceptionFilter`. */
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
