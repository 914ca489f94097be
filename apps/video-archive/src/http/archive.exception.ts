/** Failure codes of the archive API (filings, legal holds, reports); mapped to HTTP at the edge. */
export type ArchiveErrorCode =
  | 'invalid-request'
  | 'invalid-enterprise-id'
  | 'filing-not-in-advance'
  | 'filing-too-long'
  | 'no-video-in-window';

export class ArchiveException extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveException';
  }
}

/** The HTTP status of each code, at the edge (`CodedErrorFilter`). */
export const ARCHIVE_ERROR_STATUS: Readonly<Record<ArchiveErrorCode, number>> = {
  'invalid-request': 400,
  'invalid-enterprise-id': 400,
  'filing-not-in-advance': 422,
  'filing-too-long': 422,
  'no-video-in-window': 404,
};
