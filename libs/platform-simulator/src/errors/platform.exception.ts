import { PROTOCOL_ERRORS, type ProtocolErrorCode } from '@ecogate/platform-protocol';

/**
 * A protocol error the simulator answers with: the string code picks the HTTP status and the
 * numeric wire code from the protocol's table; HTTP and TCP map it at their own edge.
 */
export class PlatformException extends Error {
  constructor(
    readonly error: ProtocolErrorCode,
    message: string,
    /** Seconds, for `rate-limited`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'PlatformException';
  }

  get httpStatus(): number {
    return PROTOCOL_ERRORS[this.error].httpStatus;
  }

  get code(): number {
    return PROTOCOL_ERRORS[this.error].code;
  }

  /** The wire body: `{ code, error, message }`. */
  toBody(): { code: number; error: ProtocolErrorCode; message: string } {
    return { code: this.code, error: this.error, message: this.message };
  }
}
