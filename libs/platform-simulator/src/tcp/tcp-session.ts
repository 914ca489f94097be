import {
  type ClientFrame,
  clientFrameSchema,
  decodeFrameJson,
  encodeFrame,
  FrameDecoder,
  FrameError,
  formatIssues,
  loginRequestSchema,
  type ServerFrame,
} from '@ecogate/platform-protocol';
import { type Logger, newCorrelationId, withCorrelationId } from '@ecogate/telemetry';
import { type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type RequestAuthenticator } from '../auth/request-authenticator';
import { PlatformException } from '../errors/platform.exception';
import { type FaultInjector } from '../faults/fault-injector';
import { truncateJson } from '../http/injected-fault';
import { type HeartbeatService } from '../ingest/heartbeat.service';
import { parseJsonBody } from '../ingest/json-body';
import { type RecordIngestService } from '../ingest/record-ingest.service';

export interface TcpSessionDeps {
  authenticator: RequestAuthenticator;
  ingest: RecordIngestService;
  heartbeats: HeartbeatService;
  faults: FaultInjector;
  logger: Logger;
  maxFrameBytes: number;
  heartbeatIntervalMs: number;
}

export interface TcpSessionView {
  remoteAddress: string;
  appId?: string;
  enterpriseCode?: string;
  loggedInAt?: string;
  lastHeartbeatAt?: string;
}

/**
 * One enterprise connection (Hengshui style): login first, then records and heartbeats, every
 * frame signed and answered in order with an ack or error frame carrying its `seq`. The platform
 * drops a connection that sends no login/heartbeat for three heartbeat intervals.
 */
export class TcpSession {
  readonly #decoder: FrameDecoder;
  readonly #closed = new AbortController();
  #queue: Promise<void> = Promise.resolve();
  #deadline: NodeJS.Timeout | undefined;
  #login: { appId: string; enterpriseCode: string; at: number } | undefined;
  #lastHeartbeatAt: number | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly deps: TcpSessionDeps,
  ) {
    this.#decoder = new FrameDecoder({ maxFrameBytes: deps.maxFrameBytes });
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => deps.logger.debug({ err: error }, 'tcp socket error'));
    socket.once('close', () => {
      clearTimeout(this.#deadline);
      this.#closed.abort();
    });
    this.#armDeadline();
  }

  view(): TcpSessionView {
    return {
      remoteAddress: `${this.socket.remoteAddress}:${this.socket.remotePort}`,
      appId: this.#login?.appId,
      enterpriseCode: this.#login?.enterpriseCode,
      loggedInAt: this.#login && new Date(this.#login.at).toISOString(),
      lastHeartbeatAt:
        this.#lastHeartbeatAt === undefined ? undefined : new Date(this.#lastHeartbeatAt).toISOString(),
    };
  }

  #armDeadline(): void {
    clearTimeout(this.#deadline);
    const deadAfterMs = 3 * this.deps.heartbeatIntervalMs;
    this.#deadline = setTimeout(() => {
      this.deps.logger.info(
        { session: this.view() },
        'tcp session silent for three heartbeat intervals; closing',
      );
      this.socket.destroy();
    }, deadAfterMs);
  }

  #onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (error) {
      // A bad length prefix cannot be skipped over: answer once, then close the connection.
      const message = error instanceof Error ? error.message : String(error);
      const code =
        error instanceof FrameError && error.code === 'frame-too-large'
          ? 'payload-too-large'
          : 'invalid-request';
      this.#send(this.#errorFrame(new PlatformException(code, message), undefined));
      this.socket.end();
      return;
    }
    for (const frame of frames) {
      this.#queue = this.#queue.then(() =>
        withCorrelationId(newCorrelationId(), () => this.#handle(frame)).catch((error: unknown) =>
          this.deps.logger.error({ err: error }, 'tcp frame handling failed'),
        ),
      );
    }
  }

  async #handle(payload: Buffer): Promise<void> {
    let seq: number | undefined;
    try {
      const json = this.#decodeJson(payload);
      seq = readSeq(json);
      const parsed = clientFrameSchema.safeParse(json);
      if (!parsed.success) throw new PlatformException('invalid-request', formatIssues(parsed.error.issues));
      const frame = parsed.data;

      const fault = this.deps.faults.draw();
      const { retryAfterSeconds, slowMs } = this.deps.faults.settings;
      switch (fault) {
        case undefined:
        case 'malformed-ack':
          break;
        case '5xx':
          throw new PlatformException('internal-error', 'injected fault: internal error');
        case '429':
          throw new PlatformException(
            'rate-limited',
            `injected fault: retry after ${retryAfterSeconds} s`,
            retryAfterSeconds,
          );
        case 'timeout':
          return;
        case 'reset':
          this.socket.resetAndDestroy();
          return;
        case 'slow':
          await sleep(slowMs, undefined, { signal: this.#closed.signal }).catch(() => undefined);
          if (this.#closed.signal.aborted) return;
          break;
      }
      const ack = this.#dispatch(frame, Date.now());
      this.#send(fault === 'malformed-ack' ? truncateJson(ack) : ack);
    } catch (error) {
      if (!(error instanceof PlatformException)) throw error;
      this.#send(this.#errorFrame(error, seq));
    }
  }

  #dispatch(frame: ClientFrame, nowMs: number): ServerFrame {
    const appId = this.deps.authenticator.authenticate('tcp', frame, frame.body, nowMs);
    if (frame.type === 'login') {
      const login = loginRequestSchema.safeParse(parseJsonBody(frame.body));
      if (!login.success)
        throw new PlatformException('invalid-request', formatIssues(login.error.issues, ['body']));
      this.#login = { appId, enterpriseCode: login.data.enterpriseCode, at: nowMs };
      this.#armDeadline();
      return this.#ack(frame.seq, nowMs);
    }
    if (!this.#login)
      throw new PlatformException('not-logged-in', `${frame.type} before login; send a login frame first`);
    if (appId !== this.#login.appId) {
      throw new PlatformException(
        'session-mismatch',
        `appId ${appId} differs from the session's ${this.#login.appId}`,
      );
    }
    const { enterpriseCode } = this.#login;
    switch (frame.type) {
      case 'records': {
        const { acks } = this.deps.ingest.ingest(frame.body, {
          appId,
          via: 'tcp',
          nowMs,
          expectedEnterpriseCode: enterpriseCode,
        });
        return { type: 'ack', seq: frame.seq, code: 0, acks };
      }
      case 'heartbeat':
        this.deps.heartbeats.beat(frame.body, 'tcp', nowMs, enterpriseCode);
        this.#lastHeartbeatAt = nowMs;
        this.#armDeadline();
        return this.#ack(frame.seq, nowMs);
    }
  }

  #ack(seq: number, nowMs: number): ServerFrame {
    return {
      type: 'ack',
      seq,
      code: 0,
      heartbeatIntervalSeconds: this.deps.heartbeatIntervalMs / 1000,
      serverTime: nowMs,
    };
  }

  #decodeJson(payload: Buffer): unknown {
    try {
      return decodeFrameJson(payload);
    } catch (error) {
      throw new PlatformException('invalid-request', (error as Error).message);
    }
  }

  #errorFrame(error: PlatformException, seq: number | undefined): ServerFrame {
    return {
      type: 'error',
      ...(seq === undefined ? {} : { seq }),
      ...error.toBody(),
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    };
  }

  #send(message: ServerFrame | string): void {
    if (this.socket.destroyed || !this.socket.writable) return;
    this.socket.write(encodeFrame(message, Number.MAX_SAFE_INTEGER));
  }
}

/** The seq of a frame that may not pass the schema, so even its error can be matched. */
function readSeq(json: unknown): number | undefined {
  if (typeof json !== 'object' || json === null || !('seq' in json)) return undefined;
  const { seq } = json;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 && seq <= 0xffffffff ? seq : undefined;
}
