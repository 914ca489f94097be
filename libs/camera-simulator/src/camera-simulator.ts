import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { dahuaTrafficEvent } from './dahua-format';
import { hikvisionAlertXml, hikvisionAnprPost } from './hikvision-format';
import { HttpDigestChallenge } from './onvif/http-digest-challenge';
import { type DeviceAccount } from './onvif/ws-username-token';
import { plateCropPhoto, scenePhoto } from './samples';
import { vzenithAlarmInfoPlate } from './vzenith-format';

export type SimulatedVendor = 'hikvision' | 'vzenith' | 'dahua';

export interface CameraSimulatorOptions {
  readonly vendor: SimulatedVendor;
  /** Where the camera pushes: the receiver URL, secret included when it goes in the path. */
  readonly pushUrl: string;
  /** Extra headers of every push (e.g. the device secret). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Camera serial (Vzenith `serialno`) or device UUID prefix (Hikvision). */
  readonly serial?: string;
  readonly now?: () => Date;
  /** The login of the camera's own HTTP API (ISAPI, HTTP digest); `admin` / `admin12345` by default. */
  readonly account?: DeviceAccount;
}

/** Where a Hikvision camera serves its current picture (ISAPI Streaming, channel 1). */
export const ISAPI_PICTURE_PATH = '/ISAPI/Streaming/channels/1/picture';

export interface Arrival {
  readonly plate: string;
  /** Informational: the channel/lane the camera watches. */
  readonly lane?: string;
  /** Push after this many seconds (real time); 0 pushes now. */
  readonly inSeconds?: number;
  /** Vendor colour token (Hikvision or Dahua name, Vzenith code); blue by default. */
  readonly colour?: string | number;
  readonly confidence?: number;
}

/** One capture, ready to be (re-)pushed: the same bytes every time, as a camera re-sends it. */
export interface Capture {
  readonly id: number;
  readonly plate: string;
  readonly capturedAt: Date;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Everything the simulated camera saw come back: push replies and barrier commands. */
export type RecordedCommand =
  | {
      readonly kind: 'push-reply';
      readonly captureId: number;
      readonly status: number;
      readonly body: string;
    }
  | {
      readonly kind: 'barrier';
      readonly command: 'open' | 'close' | 'alwaysOpen' | 'other';
      readonly via: 'push-reply' | 'isapi';
      readonly captureId?: number;
    };

export interface PushResult {
  readonly capture: Capture;
  /** `undefined` when the camera was offline and kept the record for later. */
  readonly status?: number;
  readonly body?: string;
}

/**
 * A scriptable ANPR camera fed by real photos: it pushes Hikvision ISAPI multipart,
 * Vzenith-protocol JSON or Dahua ITC traffic events to the receiver, buffers records while "offline" and re-pushes them
 * marked offline, and records every reply and barrier command so tests can assert on them.
 * `start()` also serves the ISAPI barrier endpoint (`PUT /ISAPI/Parking/channels/<ch>/barrierGate`).
 */
export class CameraSimulator {
  readonly commands: RecordedCommand[] = [];
  private readonly offlineBuffer: Capture[] = [];
  private readonly captures: Capture[] = [];
  private offlineUntil = 0;
  private nextId = 1;
  private readonly serial: string;
  private server?: Server;
  private readonly digest: HttpDigestChallenge;
  private view: readonly Buffer[] = [scenePhoto(0)];
  private nextView = 0;
  /** ISAPI picture requests answered 200 (digest accepted). */
  picturesServed = 0;

  constructor(private readonly options: CameraSimulatorOptions) {
    this.serial = options.serial ?? `sim-${randomUUID().slice(0, 8)}`;
    const account = options.account ?? { username: 'admin', password: 'admin12345' };
    this.digest = new HttpDigestChallenge('IP Camera(SIM)', () => account);
  }

  /**
   * What the camera sees: the JPEG its ISAPI picture answers from now on, or several served in turn
   * (a live camera's frames differ by their sensor noise; one frame forever is a frozen picture).
   */
  showView(view: Buffer | readonly Buffer[]): void {
    this.view = Buffer.isBuffer(view) ? [view] : view;
    this.nextView = 0;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** A vehicle arrives: the camera reads it and pushes (or buffers, when offline). */
  async arrive(arrival: Arrival): Promise<PushResult> {
    const delayMs = (arrival.inSeconds ?? 0) * 1000;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const offline = this.now().getTime() < this.offlineUntil;
    const capture = this.capture(arrival, offline);
    this.captures.push(capture);
    if (offline) {
      this.offlineBuffer.push(capture);
      return { capture };
    }
    return this.push(capture);
  }

  /** The platform is unreachable for `seconds`: arrivals are stored on the camera. */
  goOffline(seconds: number): void {
    this.offlineUntil = this.now().getTime() + seconds * 1000;
  }

  goOnline(): void {
    this.offlineUntil = 0;
  }

  /** Sends every stored record (oldest first), as the camera does once the server answers again. */
  async rePushOfflineBuffer(): Promise<PushResult[]> {
    this.goOnline();
    const pending = this.offlineBuffer.splice(0);
    const results: PushResult[] = [];
    for (const capture of pending) results.push(await this.push(capture));
    return results;
  }

  /** Sends an earlier capture again, byte for byte (lost reply, firmware retry). */
  rePush(capture: Capture): Promise<PushResult> {
    return this.push(capture);
  }

  get sent(): readonly Capture[] {
    return this.captures;
  }

  barrierCommands(): RecordedCommand[] {
    return this.commands.filter((c) => c.kind === 'barrier');
  }

  /**
   * Serves the camera's own HTTP API — ISAPI barrier control, and the current picture
   * (`GET /ISAPI/Streaming/channels/1/picture`, HTTP digest: a 401 challenge first); resolves with
   * its base URL.
   */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void readAll(req).then((body) => {
        if (req.method === 'GET' && (req.url ?? '').split('?')[0] === ISAPI_PICTURE_PATH) {
          const verdict = this.digest.verify('GET', req.url ?? '', req.headers.authorization);
          if (verdict !== 'ok') {
            res.writeHead(401, {
              'www-authenticate': this.digest.challenge(verdict === 'stale'),
              'content-type': 'application/xml',
            });
            res.end(
              '<ResponseStatus><statusCode>4</statusCode><subStatusCode>notAuthorized</subStatusCode></ResponseStatus>',
            );
            return;
          }
          this.picturesServed += 1;
          const jpeg = this.view[this.nextView++ % this.view.length] ?? Buffer.alloc(0);
          res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
          res.end(jpeg);
          return;
        }
        const barrier = /^\/ISAPI\/Parking\/channels\/\d+\/barrierGate$/.exec(req.url ?? '');
        if (req.method === 'PUT' && barrier) {
          const mode = /<ctrlMode>(\w+)<\/ctrlMode>/.exec(body)?.[1];
          const command = mode === 'open' || mode === 'close' || mode === 'alwaysOpen' ? mode : 'other';
          this.commands.push({ kind: 'barrier', command, via: 'isapi' });
          res.writeHead(200, { 'content-type': 'application/xml' });
          res.end(
            '<ResponseStatus><statusCode>1</statusCode><statusString>OK</statusString></ResponseStatus>',
          );
          return;
        }
        res.writeHead(404).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private capture(arrival: Arrival, offline: boolean): Capture {
    const id = this.nextId++;
    const capturedAt = this.now();
    const crop = plateCropPhoto(arrival.plate);
    const scene = scenePhoto(id);
    if (this.options.vendor === 'hikvision') {
      const xml = hikvisionAlertXml({
        uuid: `${this.serial}-${id}`,
        activePostCount: id,
        capturedAt,
        plate: arrival.plate,
        plateColor: String(arrival.colour ?? 'blue'),
        ...(arrival.confidence !== undefined ? { confidence: arrival.confidence } : {}),
      });
      return { id, plate: arrival.plate, capturedAt, ...hikvisionAnprPost(xml, crop, scene) };
    }
    if (this.options.vendor === 'dahua') return this.dahuaCapture(id, arrival, capturedAt, crop, scene);
    const json = vzenithAlarmInfoPlate({
      serialno: this.serial,
      plateid: id,
      capturedAt,
      plate: arrival.plate,
      colorType: Number(arrival.colour ?? 1),
      offline,
      scene,
      plateCrop: crop,
      ...(arrival.confidence !== undefined ? { confidence: arrival.confidence } : {}),
    });
    return {
      id,
      plate: arrival.plate,
      capturedAt,
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(json)),
    };
  }

  /** Dahua ITC: a JSON traffic event; GroupID and EventID both count captures. */
  private dahuaCapture(id: number, arrival: Arrival, capturedAt: Date, crop: Buffer, scene: Buffer): Capture {
    const event = dahuaTrafficEvent({
      groupId: id,
      eventId: id,
      capturedAt,
      plate: arrival.plate,
      plateColor: String(arrival.colour ?? 'Blue'),
      scene,
      plateCrop: crop,
      ...(arrival.confidence !== undefined ? { confidence: arrival.confidence } : {}),
    });
    return {
      id,
      plate: arrival.plate,
      capturedAt,
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(event)),
    };
  }

  private async push(capture: Capture): Promise<PushResult> {
    const response = await fetch(this.options.pushUrl, {
      method: 'POST',
      headers: { 'content-type': capture.contentType, ...this.options.headers },
      body: capture.body,
    });
    const body = await response.text();
    this.commands.push({ kind: 'push-reply', captureId: capture.id, status: response.status, body });
    if (this.options.vendor === 'vzenith' && response.ok && vzenithOpens(body)) {
      this.commands.push({ kind: 'barrier', command: 'open', via: 'push-reply', captureId: capture.id });
    }
    return { capture, status: response.status, body };
  }
}

function vzenithOpens(body: string): boolean {
  try {
    const reply = JSON.parse(body) as { Response_AlarmInfoPlate?: { info?: unknown } };
    return reply.Response_AlarmInfoPlate?.info === 'ok';
  } catch {
    return false;
  }
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
