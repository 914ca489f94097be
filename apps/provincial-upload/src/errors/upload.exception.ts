/** Failure codes of the operator API; mapped to HTTP only at the edge (its `*_ERROR_STATUS` table). */
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

/** The HTTP status of each code, at the edge (`CodedErrorFilter`). */
export const UPLOAD_ERROR_STATUS: Readonly<Record<UploadErrorCode, number>> = {
  'invalid-request': 400,
  'invalid-enterprise-id': 400,
  'record-not-found': 404,
  'record-not-correctable': 409,
};
