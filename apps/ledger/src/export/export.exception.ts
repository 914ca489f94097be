/** Refusals of the export API; mapped to HTTP by `EXPORT_ERROR_STATUS` (added to the ledger's table). */
export type ExportErrorCode = 'export-not-found' | 'enterprise-not-found';

export class ExportException extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportException';
  }
}

export const EXPORT_ERROR_STATUS: Readonly<Record<ExportErrorCode, number>> = {
  // Another tenant's job reads like one that does not exist.
  'export-not-found': 404,
  // An enterprise of a city export outside the caller's, said the way the policy says it for a path.
  'enterprise-not-found': 404,
};

/** Why a job failed; the first word of its `error`. */
export type ExportFailure = 'too-many-rows' | 'interrupted' | 'export-failed';
