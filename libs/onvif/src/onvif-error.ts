/** Why a device call failed, in the terms operators and the status events use. */
export type OnvifErrorCode = 'unreachable' | 'unauthorised' | 'unsupported' | 'protocol';

export class OnvifError extends Error {
  constructor(
    readonly code: OnvifErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OnvifError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Maps what the `onvif` package (or node:http) throws onto a typed error. */
export function toOnvifError(error: unknown, operation: string): OnvifError {
  if (error instanceof OnvifError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const text = `${operation}: ${message}`;
  if (
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    /network timeout|socket hang up/i.test(message)
  ) {
    return new OnvifError('unreachable', text, { cause: error });
  }
  if (/not ?authori[sz]ed|authentication failed|\b401\b/i.test(message)) {
    return new OnvifError('unauthorised', text, { cause: error });
  }
  if (/ActionNotSupported|not supported|not implemented/i.test(message)) {
    return new OnvifError('unsupported', text, { cause: error });
  }
  return new OnvifError('protocol', text, { cause: error });
}
