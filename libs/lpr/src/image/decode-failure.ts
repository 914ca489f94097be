/** Why an input could not be turned into pixels. Each is a normal, typed outcome: bad input never throws. */
export type UnreadableReason = 'empty' | 'unsupported-format' | 'corrupt' | 'truncated' | 'too-large';

export interface DecodeFailure {
  readonly ok: false;
  readonly reason: UnreadableReason;
  readonly message: string;
}

export const decodeFailure = (reason: UnreadableReason, message: string): DecodeFailure => ({
  ok: false,
  reason,
  message,
});
