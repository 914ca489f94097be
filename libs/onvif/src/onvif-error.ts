import { DeviceCallFailure } from './device-call-failure';
import { readFault, type SoapFaultInfo } from './soap-xml';

/** Why a device call failed, in the terms operators and the status events use. */
export type OnvifErrorCode = 'unreachable' | 'unauthorised' | 'unsupported' | 'protocol';

export class OnvifError extends Error {
  constructor(
    readonly code: OnvifErrorCode,
    message: string,
    options?: { cause?: unknown; fault?: SoapFaultInfo },
  ) {
    super(message, options);
    this.name = 'OnvifError';
    this.fault = options?.fault;
  }

  /** The SOAP fault the device answered with, if it was one. */
  readonly fault: SoapFaultInfo | undefined;
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

/**
 * Maps what the `onvif` package (or node:http) throws onto a typed error: by the SOAP fault's
 * subcodes when the device answered one (ONVIF Core §5.8.2), else by the message.
 */
export function toOnvifError(error: unknown, operation: string): OnvifError {
  if (error instanceof OnvifError) return error;
  const original = error instanceof DeviceCallFailure ? error.original : error;
  const fault = error instanceof DeviceCallFailure ? readFault(error.xml) : undefined;
  const message = original instanceof Error ? original.message : String(original);
  const code = (original as { code?: unknown } | null)?.code;
  if (fault) {
    const names = [fault.code, ...fault.subcodes];
    const text = `${operation}: ${fault.reason || message} (${names.join('/')})`;
    if (names.includes('NotAuthorized'))
      return new OnvifError('unauthorised', text, { cause: original, fault });
    if (names.includes('ActionNotSupported'))
      return new OnvifError('unsupported', text, { cause: original, fault });
    return new OnvifError('protocol', text, { cause: original, fault });
  }
  const text = `${operation}: ${message}`;
  if (
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    /network timeout|socket hang up/i.test(message)
  ) {
    return new OnvifError('unreachable', text, { cause: original });
  }
  if (/not ?authori[sz]ed|authentication failed|\b401\b/i.test(message)) {
    return new OnvifError('unauthorised', text, { cause: original });
  }
  if (/ActionNotSupported|not supported|not implemented/i.test(message)) {
    return new OnvifError('unsupported', text, { cause: original });
  }
  return new OnvifError('protocol', text, { cause: original });
}
