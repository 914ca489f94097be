import { PlatformException } from '../errors/platform.exception';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as a JSON value; `invalid-request` (400) when it is empty, not UTF-8 or not JSON. */
export function parseJsonBody(raw: string | Uint8Array): unknown {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : utf8.decode(raw);
  } catch {
    throw new PlatformException('invalid-request', 'body is not valid UTF-8');
  }
  if (text.trim() === '') throw new PlatformException('invalid-request', 'body is empty; expected JSON');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PlatformException('invalid-request', `body is not valid JSON: ${(error as Error).message}`);
  }
}
