/** Failure codes of the playback API; mapped to HTTP only at the edge (`PLAYBACK_ERROR_STATUS`). */
export type PlaybackErrorCode =
  'invalid-request' | 'invalid-enterprise-id' | 'camera-not-found' | 'no-video-in-window' | 'clips-not-found';

export class PlaybackException extends Error {
  constructor(
    readonly code: PlaybackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlaybackException';
  }
}

/** The HTTP status of each code, at the edge (`CodedErrorFilter`). */
export const PLAYBACK_ERROR_STATUS: Readonly<Record<PlaybackErrorCode, number>> = {
  'invalid-request': 400,
  'invalid-enterprise-id': 400,
  'camera-not-found': 404,
  'no-video-in-window': 404,
  'clips-not-found': 404,
};
