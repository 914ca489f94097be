import { type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DAHUA_ATTACH_PATH,
  DAHUA_STREAM_BOUNDARY,
  DAHUA_TRAFFIC_CODES,
  dahuaHeartbeatPart,
  dahuaStreamEventParts,
} from './dahua-event-stream-format';
import { type DahuaTrafficFields } from './dahua-format';
import { DeviceHttpListener } from './device-http-listener';
import { HttpDigestChallenge } from './onvif/http-digest-challenge';
import { type DeviceAccount } from './onvif/ws-username-token';

export interface DahuaEventStreamSimulatorOptions {
  readonly account?: DeviceAccount;
  /** Sends the last event again to every new attach, as some firmwares do after a reconnect. */
  readonly replayLastOnAttach?: boolean;
}

/** What one successful attach asked for. */
export interface DahuaAttach {
  /** The requested codes, or `All`. */
  readonly codes: readonly string[];
  /** The requested heartbeat interval in seconds; none requested, none sent. */
  readonly heartbeatSeconds?: number;
  readonly at: Date;
}

interface Client {
  readonly res: ServerResponse;
  readonly codes: ReadonlySet<string> | 'all';
  heartbeat?: NodeJS.Timeout;
  /** A stuck stream: the connection stays open, nothing more is written. */
  hung: boolean;
  /** Writes in order, also when they are slowed down. */
  writing: Promise<void>;
}

/**
 * A Dahua ITC camera's native event stream: `GET /cgi-bin/eventManager.cgi?action=attach&codes=[…]
 * &heartbeat=<s>` behind HTTP Digest (qop=auth; a 401 challenge first), answered with a long-lived
 * `multipart/x-mixed-replace; boundary=myboundary`: each traffic event is a `text/plain` part
 * (`Code=…;action=Pulse;index=0;data={…}`) followed by its JPEG parts (scene, then plate crop), and
 * a `Heartbeat` part every interval. Scripting: `emit`, `heartbeatNow`; faults: `hang` (a stuck
 * stream), `cutConnections`, `goOffline`, `slowWrites` (every write in small, delayed pieces).
 */
export class DahuaEventStreamSimulator {
  /** Every successful attach, in order. */
  readonly attaches: DahuaAttach[] = [];
  /** Requests that sent credentials the camera refused. */
  refusedLogins = 0;
  /** Events sent again to a new attach (`replayLastOnAttach`). */
  replayed = 0;
  private readonly clients = new Set<Client>();
  private readonly http = new DeviceHttpListener(
    (req, res) => this.handle(req, res),
    // A camera that is off does not answer.
    () => this.offline,
  );
  private readonly digest: HttpDigestChallenge;
  private account: DeviceAccount;
  private lastEvent: DahuaTrafficFields | undefined;
  private offlineUntil = 0;
  private slow: { readonly chunkBytes: number; readonly delayMs: number } | undefined;

  constructor(private readonly options: DahuaEventStreamSimulatorOptions = {}) {
    this.account = options.account ?? { username: 'admin', password: 'admin12345' };
    this.digest = new HttpDigestChallenge('Login to ITC-SIM', () => this.account);
  }

  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  async stop(): Promise<void> {
    this.cutConnections();
    await this.http.stop();
  }

  get url(): string {
    return this.http.url;
  }

  /** Streams attached now (hung ones included). */
  get attachedCount(): number {
    return this.clients.size;
  }

  setAccount(account: DeviceAccount): void {
    this.account = account;
  }

  /**
   * A vehicle passes: its event and JPEGs go to every attached stream whose codes include the
   * event's; resolves with how many streams it was written to, once written.
   */
  async emit(fields: DahuaTrafficFields): Promise<number> {
    this.lastEvent = fields;
    const code = fields.code ?? 'TrafficJunction';
    const bytes = dahuaStreamEventParts(fields);
    const targets = [...this.clients].filter((c) => !c.hung && (c.codes === 'all' || c.codes.has(code)));
    await Promise.all(targets.map((client) => this.send(client, bytes)));
    return targets.length;
  }

  /** A heartbeat to every stream now, besides the periodic ones. */
  async heartbeatNow(): Promise<void> {
    await Promise.all(
      [...this.clients].filter((c) => !c.hung).map((client) => this.send(client, dahuaHeartbeatPart())),
    );
  }

  /** Every stream attached now gets stuck: open, but no heartbeat or event any more. New attaches work. */
  hang(): void {
    for (const client of this.clients) {
      client.hung = true;
      clearInterval(client.heartbeat);
    }
  }

  /** Drops every attached stream abruptly (no closing boundary), as a network cut does. */
  cutConnections(): void {
    for (const client of this.clients) {
      clearInterval(client.heartbeat);
      client.res.socket?.destroy();
    }
    this.clients.clear();
  }

  /** The camera is off for `seconds`: connections are cut and new ones refused. */
  goOffline(seconds: number): void {
    this.offlineUntil = Date.now() + seconds * 1000;
    this.cutConnections();
    this.http.cutConnections();
  }

  comeBack(): void {
    this.offlineUntil = 0;
  }

  get offline(): boolean {
    return Date.now() < this.offlineUntil;
  }

  /** Writes every part in pieces of `chunkBytes`, `delayMs` apart (a slow link); `undefined` restores. */
  slowWrites(slow: { chunkBytes: number; delayMs: number } | undefined): void {
    this.slow = slow;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://camera');
    if (url.pathname !== DAHUA_ATTACH_PATH) return plain(res, 404, 'Error\r\nNot Found!\r\n');
    if (req.method !== 'GET') return plain(res, 405, 'Error\r\nMethod Not Allowed!\r\n');
    const verdict = this.digest.verify('GET', req.url ?? '', req.headers.authorization);
    if (verdict !== 'ok') {
      if (req.headers.authorization) this.refusedLogins += 1;
      res.writeHead(401, {
        'www-authenticate': this.digest.challenge(verdict === 'stale'),
        'content-type': 'text/plain',
      });
      res.end('Error\r\nUnauthorized!\r\n');
      return;
    }
    const attach = parseAttach(url.searchParams);
    if (!attach) return plain(res, 400, 'Error\r\nBad Request!\r\n');
    // As the cameras answer: no Content-Length, no chunked coding; the stream ends with the connection.
    res.useChunkedEncodingByDefault = false;
    res.chunkedEncoding = false;
    res.writeHead(200, {
      'content-type': `multipart/x-mixed-replace; boundary=${DAHUA_STREAM_BOUNDARY}`,
      connection: 'close',
    });
    res.flushHeaders();
    const client: Client = {
      res,
      codes: attach.codes.includes('All') ? 'all' : new Set(attach.codes),
      hung: false,
      writing: Promise.resolve(),
    };
    this.clients.add(client);
    this.attaches.push({ ...attach, at: new Date() });
    res.on('close', () => {
      clearInterval(client.heartbeat);
      this.clients.delete(client);
    });
    if (attach.heartbeatSeconds !== undefined) {
      client.heartbeat = setInterval(
        () => void this.send(client, dahuaHeartbeatPart()),
        attach.heartbeatSeconds * 1000,
      );
    }
    const last = this.lastEvent;
    const code = last?.code ?? 'TrafficJunction';
    if (this.options.replayLastOnAttach && last && (client.codes === 'all' || client.codes.has(code))) {
      this.replayed += 1;
      void this.send(client, dahuaStreamEventParts(last));
    }
  }

  private send(client: Client, bytes: Buffer): Promise<void> {
    client.writing = client.writing.then(() => this.write(client, bytes));
    return client.writing;
  }

  private async write(client: Client, bytes: Buffer): Promise<void> {
    const slow = this.slow;
    if (!slow) {
      if (!client.res.destroyed && !client.hung) client.res.write(bytes);
      return;
    }
    for (let at = 0; at < bytes.length; at += slow.chunkBytes) {
      if (client.res.destroyed || client.hung) return;
      client.res.write(bytes.subarray(at, at + slow.chunkBytes));
      await sleep(slow.delayMs);
    }
  }
}

/**
 * `action=attach`, `codes=[A,B]` (or `[All]`), optional `heartbeat` (seconds; a fraction is taken,
 * which real cameras do not, so tests can run fast). Anything else is a bad request.
 */
function parseAttach(query: URLSearchParams): Omit<DahuaAttach, 'at'> | undefined {
  if (query.get('action') !== 'attach') return undefined;
  const codes = /^\[([A-Za-z]+(?:,[A-Za-z]+)*)\]$/.exec(query.get('codes') ?? '')?.[1]?.split(',');
  if (!codes) return undefined;
  const known: readonly string[] = [...DAHUA_TRAFFIC_CODES, 'All'];
  const heartbeat = query.get('heartbeat');
  const seconds = heartbeat === null ? undefined : Number(heartbeat);
  if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0)) return undefined;
  // A code the camera does not know is ignored, as the firmwares do; the stream stays open.
  return {
    codes: codes.filter((code) => known.includes(code)),
    ...(seconds !== undefined ? { heartbeatSeconds: seconds } : {}),
  };
}

function plain(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(body);
}
