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
  | 'device-address-not-allowed'
  | 'discovery-disabled'
  | 'no-discovery-networks'
  | 'discovery-refused'
  | 'storage-unavailable'
  | 'push-in-flight'
  | 'snapshot-unsupported'
  | 'retake-needs-city'
  | 'analysis-busy';

export class IngestException extends Error {
  /** For a refusal the camera should retry: sent as `Retry-After` (seconds). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: IngestErrorCode,
    message: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IngestException';
    this.retryAfterSeconds = options?.retryAfterSeconds;
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
  'device-address-not-allowed': 400,
  // The service's or the site's state, not the request, stands in the way of a discovery.
  'discovery-disabled': 409,
  'no-discovery-networks': 409,
  'discovery-refused': 409,
  'storage-unavailable': 503,
  'push-in-flight': 503,
  // The camera has no snapshot path camera-ingest speaks (ONVIF), so it has no reference view.
  'snapshot-unsupported': 409,
  // A camera's reference view, once taken, is re-taken by the city, never by the enterprise it watches.
  'retake-needs-city': 403,
  // Our own view analysis is saturated (or restarting a worker): the request is fine, retry it.
  'analysis-busy': 503,
};
