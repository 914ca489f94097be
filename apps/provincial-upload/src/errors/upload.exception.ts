/** Failure codes of the operator API; mapped to HTTP only in `UploadExceptionFilter`. */
export type UploadErrorCode =
  'invalid-request' | 'record-not-found' | 'record-not-correctable' | 'invalid-enterprise-id';

export class UploadException extends Error {
  constructor(
    readonly code: UploadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UploadException';
  }
}
