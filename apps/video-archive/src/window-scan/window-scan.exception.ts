/** Failure codes of the window-scan API; mapped to HTTP only at the edge (`WINDOW_SCAN_ERROR_STATUS`). */
export type WindowScanErrorCode =
  | 'invalid-request'
  | 'invalid-enterprise-id'
  | 'window-too-long'
  | 'window-in-future'
  | 'scan-not-found'
  | 'frame-not-found'
  | 'window-scans-disabled';

export class WindowScanException extends Error {
  constructor(
    readonly code: WindowScanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WindowScanException';
  }
}

/** The HTTP status of each code, at the edge (`CodedErrorFilter`). */
export const WINDOW_SCAN_ERROR_STATUS: Readonly<Record<WindowScanErrorCode, number>> = {
  'invalid-request': 400,
  'invalid-enterprise-id': 400,
  'window-too-long': 422,
  'window-in-future': 422,
  'scan-not-found': 404,
  'frame-not-found': 404,
  // No plate-recognition configured: nothing could ever scan the window.
  'window-scans-disabled': 503,
};
