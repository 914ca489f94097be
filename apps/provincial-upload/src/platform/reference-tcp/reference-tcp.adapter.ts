import { connect, type Socket } from 'node:net';
import {
  decodeFrameJson,
  encodeFrame,
  FrameDecoder,
  PROTOCOL_ERRORS,
  type PlatformRecord,
  type ProtocolErrorCode,
  type RecordAck,
  type ServerFrame,
  serverFrameSchema,
  signFrame,
  type TcpMessageType,
} from '@ecogate/platform-protocol';
import { type ReferenceHttpSettings } from '../reference-http/reference-http.adapter';
import { type PlatformAdapter, PlatformDeliveryError } from '../platform-adapter';

interface Session {
  readonly socket: Socket;
  readonly enterpriseCode: string;
  readonly waiting: Map<number, { resolve(frame: ServerFrame): void; reject(error: Error): void }>;
  /** When this session last sent a heartbeat (or logged in): the platform's liveness clock. */
  lastBeatAt: number;
  keepAlive?: NodeJS.Timeout;
}

/**
 * The reference protocol over TCP (docs/platform-protocol.md §3): length-prefixed JSON frames, a
 * login per enterprise session, answers matched by `seq`. A broken or silent connection fails the
 * pending calls as retriable and is re-opened (with a new login) on the next call. A refused login
 * closes its connection. Between the dispatcher's heartbeats, the session sends its own heartbeat
 * when the interval the login ack announced is about to run out, so the platform (which closes a
 * connection silent for three intervals) never drops a live session.
 * Tested against the simulator's TCP server: `reference-tcp.adapter.spec.ts`.
 */
export class ReferenceTcpAdapter implements PlatformAdapter {
  readonly name = 'reference-tcp';
  private readonly sessions = new Map<string, Promise<Session>>();
  private seq = 0;

  constructor(
    private readonly settings: ReferenceHttpSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async sendRecords(
    enterpriseCode: string,
    records: readonly PlatformRecord[],
  ): Promise<readonly RecordAck[]> {
    const frame = await this.call(enterpriseCode, 'records', { enterpriseCode, records });
    const acks = frame.type === 'ack' ? frame.acks : undefined;
    if (!acks || acks.length !== records.length || acks.some((ack, i) => ack.serial !== records[i]?.serial)) {
      throw new PlatformDeliveryError(
        'retriable',
        'malformed-ack',
        'the platform answered with acks that do not match the batch',
      );
    }
    return acks;
  }

  async heartbeat(enterpriseCode: string, pending: number): Promise<void> {
    await this.call(enterpriseCode, 'heartbeat', { enterpriseCode, pending });
  }

  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(
      sessions.map((session) =>
        session.then(
          (s) => {
            clearInterval(s.keepAlive);
            s.socket.destroy();
          },
          () => undefined,
        ),
      ),
    );
  }

  private async call(enterpriseCode: string, type: TcpMessageType, body: unknown): Promise<ServerFrame> {
    const session = await this.session(enterpriseCode);
    try {
      return await this.exchange(session, type, body);
    } catch (error) {
      if (error instanceof PlatformDeliveryError && error.kind === 'retriable')
        this.drop(enterpriseCode, session);
      throw error;
    }
  }

  private session(enterpriseCode: string): Promise<Session> {
    const existing = this.sessions.get(enterpriseCode);
    if (existing) return existing;
    // Only this attempt's entry is forgotten: a late `close` of an old socket must not evict
    // (and leak) the session that replaced it.
    const forget = () => {
      if (this.sessions.get(enterpriseCode) === session) this.sessions.delete(enterpriseCode);
    };
    const session = this.open(enterpriseCode, forget);
    this.sessions.set(enterpriseCode, session);
    session.catch(forget);
    return session;
  }

  private drop(enterpriseCode: string, session: Session): void {
    session.socket.destroy();
    void this.sessions.get(enterpriseCode)?.then(
      (current) => current === session && this.sessions.delete(enterpriseCode),
      () => undefined,
    );
  }

  private async open(enterpriseCode: string, forget: () => void): Promise<Session> {
    const target = new URL(this.settings.url);
    const socket = connect({ host: target.hostname, port: Number(target.port) });
    const session: Session = { socket, enterpriseCode, waiting: new Map(), lastBeatAt: this.now() };
    const decoder = new FrameDecoder();
    const failAll = (error: Error) => {
      clearInterval(session.keepAlive);
      for (const waiter of session.waiting.values()) waiter.reject(error);
      session.waiting.clear();
      forget();
    };
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const payload of decoder.push(chunk)) {
          const parsed = serverFrameSchema.safeParse(decodeFrameJson(payload));
          if (!parsed.success || parsed.data.seq === undefined) continue;
          session.waiting.get(parsed.data.seq)?.resolve(parsed.data);
          session.waiting.delete(parsed.data.seq);
        }
      } catch (error) {
        failAll(
          new PlatformDeliveryError('retriable', 'malformed-ack', 'unreadable frame', undefined, {
            cause: error,
          }),
        );
        socket.destroy();
      }
    });
    socket.on('error', (error) =>
      failAll(new PlatformDeliveryError('retriable', networkCode(error), error.message)),
    );
    socket.on('close', () =>
      failAll(
        new PlatformDeliveryError('retriable', 'connection-closed', 'the platform closed the connection'),
      ),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', (error) =>
        reject(new PlatformDeliveryError('retriable', networkCode(error), error.message)),
      );
    });
    let login: ServerFrame;
    try {
      login = await this.exchange(session, 'login', { enterpriseCode });
    } catch (error) {
      // A refused login (wrong secret, unknown app…) must not leave the connection open.
      socket.destroy();
      throw error;
    }
    if (login.type === 'ack' && login.heartbeatIntervalSeconds) {
      this.keepAlive(session, login.heartbeatIntervalSeconds * 1000);
    }
    return session;
  }

  /** Heartbeats at the platform's interval whenever the dispatcher's own heartbeat has not. */
  private keepAlive(session: Session, intervalMs: number): void {
    const tickMs = Math.max(50, Math.floor(intervalMs / 2));
    session.keepAlive = setInterval(() => {
      if (this.now() - session.lastBeatAt < intervalMs - tickMs) return;
      this.exchange(session, 'heartbeat', { enterpriseCode: session.enterpriseCode }).catch(
        (error: unknown) => {
          if (error instanceof PlatformDeliveryError && error.kind === 'retriable')
            this.drop(session.enterpriseCode, session);
        },
      );
    }, tickMs);
    session.keepAlive.unref();
  }

  private exchange(session: Session, type: TcpMessageType, body: unknown): Promise<ServerFrame> {
    if (session.socket.destroyed || !session.socket.writable) {
      return Promise.reject(
        new PlatformDeliveryError('retriable', 'connection-closed', 'the platform closed the connection'),
      );
    }
    if (type !== 'records') session.lastBeatAt = this.now();
    this.seq = (this.seq + 1) % 0xffffffff;
    const seq = this.seq;
    const frame = signFrame({
      type,
      seq,
      appId: this.settings.appId,
      secret: this.settings.secret.reveal(),
      method: this.settings.signMethod,
      body,
      nowMs: this.now(),
    });
    return new Promise<ServerFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        session.waiting.delete(seq);
        reject(
          new PlatformDeliveryError(
            'retriable',
            'timeout',
            `no answer to ${type} within ${this.settings.requestTimeoutMs} ms`,
          ),
        );
      }, this.settings.requestTimeoutMs);
      session.waiting.set(seq, {
        resolve: (answer) => {
          clearTimeout(timer);
          if (answer.type === 'ack') resolve(answer);
          else reject(failureOf(answer));
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      session.socket.write(encodeFrame(frame));
    });
  }
}

function failureOf(frame: Extract<ServerFrame, { type: 'error' }>): PlatformDeliveryError {
  const known =
    frame.error in PROTOCOL_ERRORS ? PROTOCOL_ERRORS[frame.error as ProtocolErrorCode] : undefined;
  const text = `${frame.code} ${frame.error}: ${frame.message}`;
  if (frame.error === 'rate-limited') {
    return new PlatformDeliveryError('retriable', frame.error, text, (frame.retryAfterSeconds ?? 1) * 1000);
  }
  if (!known || known.retriable) return new PlatformDeliveryError('retriable', frame.error, text);
  if (known.httpStatus === 401 || known.httpStatus === 403)
    return new PlatformDeliveryError('configuration', frame.error, text);
  if (known.httpStatus === 413) return new PlatformDeliveryError('too-large', frame.error, text);
  return new PlatformDeliveryError('batch-refused', frame.error, text);
}

const networkCode = (error: Error): string => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'network-error';
};
