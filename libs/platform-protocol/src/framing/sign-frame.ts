import { sign } from '../signing/sign';
import { type SignMethod } from '../signing/sign-method';
import { newNonce } from '../signing/signed-request';
import { type ClientFrame, type TcpMessageType } from './tcp-message.schema';

export interface SignFrameInput {
  type: TcpMessageType;
  seq: number;
  appId: string;
  secret: string;
  method: SignMethod;
  /** The message body; serialised once here, and that exact text is what gets signed. */
  body: unknown;
  nowMs: number;
  nonce?: string;
}

/** A signed client frame, ready for `encodeFrame`. */
export function signFrame(input: SignFrameInput): ClientFrame {
  const body = JSON.stringify(input.body);
  const timestamp = String(input.nowMs);
  const nonce = input.nonce ?? newNonce();
  return {
    type: input.type,
    seq: input.seq,
    appId: input.appId,
    timestamp,
    nonce,
    signMethod: input.method,
    signature: sign(input.method, input.secret, { appId: input.appId, timestamp, nonce, body }),
    body,
  };
}
