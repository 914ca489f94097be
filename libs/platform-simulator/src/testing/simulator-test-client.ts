import {
  type RecordAck,
  decodeFrameJson,
  encodeFrame,
  FrameDecoder,
  type SignMethod,
  signFrame,
  type SignFrameInput,
  signRequestHeaders,
} from '@ecogate/platform-protocol';
import { connect, type Socket } from 'node:net';
import { type PlatformSimulatorOptions } from '../platform-simulator.options';
import { type PlatformSimulator, startPlatformSimulator } from '../start-platform-simulator';

// Test helpers: a simulator with one known app, signed HTTP calls, and a TCP client that reads
// frames. Only test code imports this folder.

export const TEST_APP = { appId: 'gate-app', secret: 'gate-secret-for-tests' } as const;

export const startTestSimulator = (
  options: Partial<PlatformSimulatorOptions> = {},
): Promise<PlatformSimulator> =>
  startPlatformSimulator({ apps: { [TEST_APP.appId]: TEST_APP.secret }, logLevel: 'silent', ...options });

export interface SignedCallOptions {
  method?: SignMethod;
  appId?: string;
  secret?: string;
  nowMs?: number;
  nonce?: string;
  signal?: AbortSignal;
}

/** POSTs `body` (JSON-encoded unless already a string) with the five signature headers. */
export function postSigned(url: string, body: unknown, options: SignedCallOptions = {}): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = signRequestHeaders({
    appId: options.appId ?? TEST_APP.appId,
    secret: options.secret ?? TEST_APP.secret,
    method: options.method ?? 'HMAC-SHA256',
    body: text,
    nowMs: options.nowMs ?? Date.now(),
    nonce: options.nonce,
  });
  return fetch(url, {
    method: 'POST',
    body: text,
    headers: { ...headers, 'content-type': 'application/json' },
    signal: options.signal,
  });
}

/** Any platform answer, typed loosely for assertions: an ack, a heartbeat ack or an error. */
export interface PlatformAnswer {
  code: number;
  error: string;
  message: string;
  acks: RecordAck[];
  serverTime: number;
  heartbeatIntervalSeconds: number;
}

export const answerOf = async (response: Response): Promise<PlatformAnswer> =>
  (await response.json()) as PlatformAnswer;

export async function putFaults(simulator: PlatformSimulator, settings: unknown): Promise<Response> {
  return fetch(`${simulator.adminUrl}/_sim/faults`, {
    method: 'PUT',
    body: JSON.stringify(settings),
    headers: { 'content-type': 'application/json' },
  });
}

export async function getJson<T = Record<string, unknown>>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The `code` of a network error behind `fetch failed`, e.g. ECONNREFUSED. */
export async function networkErrorCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const cause = (error as { cause?: { code?: string; name?: string } }).cause;
    return cause?.code ?? (error as Error).name;
  }
  throw new Error('expected the call to fail');
}

/** A TCP client that frames, signs and reads frames back in order. */
export class TcpTestClient {
  readonly #decoder = new FrameDecoder();
  readonly #frames: Buffer[] = [];
  readonly #waiters: Array<(frame: Buffer) => void> = [];
  #seq = 0;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.#decoder.push(chunk)) {
        const waiter = this.#waiters.shift();
        if (waiter) waiter(frame);
        else this.#frames.push(frame);
      }
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static connect(port: number, host = '127.0.0.1'): Promise<TcpTestClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => resolve(new TcpTestClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Signs and sends one message; returns its seq. */
  send(type: SignFrameInput['type'], body: unknown, options: SignedCallOptions = {}): number {
    this.#seq += 1;
    const frame = signFrame({
      type,
      seq: this.#seq,
      appId: options.appId ?? TEST_APP.appId,
      secret: options.secret ?? TEST_APP.secret,
      method: options.method ?? 'SM3',
      body,
      nowMs: options.nowMs ?? Date.now(),
      nonce: options.nonce,
    });
    this.socket.write(encodeFrame(frame));
    return this.#seq;
  }

  writeRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** The next frame's payload as text (it may be malformed on purpose). */
  nextRaw(timeoutMs = 2_000): Promise<string> {
    const queued = this.#frames.shift();
    if (queued) return Promise.resolve(queued.toString('utf8'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push((frame) => {
        clearTimeout(timer);
        resolve(frame.toString('utf8'));
      });
    });
  }

  async next<T = Record<string, unknown>>(timeoutMs?: number): Promise<T> {
    return decodeFrameJson(Buffer.from(await this.nextRaw(timeoutMs))) as T;
  }

  close(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }
}
