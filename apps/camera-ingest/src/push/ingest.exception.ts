/** Why a push or a registry request was refused; mapped to an HTTP status only at the edge. */
export type IngestErrorCode =
  | 'unknown-vendor'
  | 'unauthorised'
  | 'source-not-allowed'
  | 'payload-too-large'
  | 'image-too-large'
  | 'unsupported-media-type'
  | 'malformed-payload'
  | 'missing-part'
  | 'invalid-field'
  | 'not-found'
  | 'conflict'
  | 'invalid-request'
  | 'storage-unavailable';

export class IngestException extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IngestException';
  }
}

/** The HTTP status of each code; the one place where domain refusals meet HTTP. */
export const HTTP_STATUS_OF: Readonly<Record<IngestErrorCode, number>> = {
  'unknown-vendor': 404,
  unauthorised: 401,
  'source-not-allowed': 403,
  'payload-too-large': 413,
  'image-too-large': 413,
  'unsupported-media-type': 415,
  'malformed-payload': 400,
  'missing-part': 400,
  'invalid-field': 422,
  'not-found': 404,
  conflict: 409,
  'invalid-request': 400,
  'storage-unavailable': 503,
};
