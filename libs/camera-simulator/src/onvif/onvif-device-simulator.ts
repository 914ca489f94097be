import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { scenePhoto } from '../samples';
import { HttpDigestChallenge } from './http-digest-challenge';
import {
  capabilitiesResponse,
  type DeviceIdentity,
  type DeviceNotification,
  deviceInformationResponse,
  mediaUriResponse,
  profilesResponse,
  pullMessagesResponse,
  type RelayMode,
  relayOutputsResponse,
  renewResponse,
  servicesResponse,
  subscriptionResponse,
  systemDateAndTimeResponse,
  VIDEO_SOURCE_TOKEN,
  videoSourcesResponse,
} from './onvif-responses';
import {
  child,
  parseDuration,
  parseSoapRequest,
  soapEnvelope,
  soapFault,
  SoapParseError,
  textOf,
} from './soap-envelope';
import { SimulatedPullPoints } from './simulated-pull-points';
import { type DeviceAccount, verifyUsernameToken } from './ws-username-token';

export interface OnvifDeviceSimulatorOptions {
  readonly account?: DeviceAccount;
  /** What GetStreamUri answers (an RTSP server elsewhere serves it). */
  readonly rtspUri?: string;
  /** Device clock minus real time. */
  readonly clockSkewMs?: number;
  readonly relayTokens?: readonly string[];
  readonly relayMode?: RelayMode;
  /** Longest a PullMessages waits for a message (devices may answer before the client's timeout). */
  readonly maxPullWaitMs?: number;
  /** Longest subscription lifetime the device grants, whatever the client asks. */
  readonly maxSubscriptionMs?: number;
  /** Which sample scene the snapshot URL serves. */
  readonly snapshotIndex?: number;
  /** What GetSnapshotUri answers instead of the device's own URL (a foreign host, for SSRF tests). */
  readonly snapshotUri?: string;
  /** The snapshot URL answers a login with `302 Location: <this>` (a redirect to another host). */
  readonly snapshotRedirect?: string;
  readonly identity?: Partial<DeviceIdentity>;
}

export type OnvifTrigger = 'digital-input' | 'motion' | 'tamper';

/** A relay command as the device received it. */
export interface RecordedRelayCommand {
  readonly token: string;
  readonly state: 'active' | 'inactive';
  readonly at: Date;
}

/** Operations a client may call before authenticating (ONVIF access class PRE_AUTH). */
const PRE_AUTH = new Set(['GetSystemDateAndTime', 'GetServices', 'GetCapabilities']);

const TOPICS: Record<OnvifTrigger, { topic: string; source: Record<string, string>; dataName: string }> = {
  'digital-input': {
    topic: 'tns1:Device/Trigger/DigitalInput',
    source: { InputToken: 'DI_0' },
    dataName: 'LogicalState',
  },
  motion: {
    topic: 'tns1:RuleEngine/CellMotionDetector/Motion',
    source: {
      VideoSourceConfigurationToken: 'vsc_1',
      VideoAnalyticsConfigurationToken: 'vac_1',
      Rule: 'MyMotionDetectorRule',
    },
    dataName: 'IsMotion',
  },
  tamper: {
    topic: 'tns1:VideoSource/GlobalSceneChange/ImagingService',
    source: { Source: VIDEO_SOURCE_TOKEN },
    dataName: 'State',
  },
};

/**
 * A scriptable ONVIF (Profile S + device IO) camera over real SOAP 1.2/HTTP: device, media and
 * event services with WS-UsernameToken digest checks, pull-point subscriptions, relay outputs,
 * and a digest-protected JPEG snapshot URL serving a real sample photo. Tests drive it with
 * `trigger`, `goOffline`, `setClockSkew` and read back `relayCommands` and `requests`.
 */
export class OnvifDeviceSimulator {
  readonly relayCommands: RecordedRelayCommand[] = [];
  /** Every SOAP operation received, in order (after authentication). */
  readonly requests: string[] = [];
  private readonly pullPoints: SimulatedPullPoints;
  private readonly sockets = new Set<Socket>();
  private readonly digest: HttpDigestChallenge;
  private account: DeviceAccount;
  private skewMs: number;
  private offlineUntil = 0;
  private server?: Server;
  private base = '';

  constructor(private readonly options: OnvifDeviceSimulatorOptions = {}) {
    this.account = options.account ?? { username: 'admin', password: 'admin12345' };
    this.skewMs = options.clockSkewMs ?? 0;
    this.pullPoints = new SimulatedPullPoints(options.maxSubscriptionMs ?? 10 * 60_000);
    this.digest = new HttpDigestChallenge('IP Camera', () => this.account);
  }

  /** Listens on 127.0.0.1 (a free port unless given); resolves with the base URL `http://host:port`. */
  async start(port = 0): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) send(res, 500, soapFault('Receiver', 'ter:Action', 'internal error'));
      });
    });
    server.on('connection', (socket: Socket) => {
      // A device that is off does not answer: the connection dies at once.
      if (this.offline) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  async stop(): Promise<void> {
    this.pullPoints.clear();
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get url(): string {
    return this.base;
  }

  /** The JPEG the snapshot URL serves. */
  get snapshot(): Buffer {
    return scenePhoto(this.options.snapshotIndex ?? 0);
  }

  get deviceNow(): Date {
    return new Date(Date.now() + this.skewMs);
  }

  get subscriptionCount(): number {
    return this.pullPoints.size;
  }

  get renewals(): number {
    return this.pullPoints.renewals;
  }

  setClockSkew(ms: number): void {
    this.skewMs = ms;
  }

  setAccount(account: DeviceAccount): void {
    this.account = account;
  }

  /**
   * The device stops answering for `seconds` (power cut, cable pulled): open connections are cut,
   * new ones refused, and its subscriptions are gone when it comes back, as after a reboot.
   */
  goOffline(seconds: number): void {
    this.offlineUntil = Date.now() + seconds * 1000;
    this.pullPoints.clear();
    for (const socket of this.sockets) socket.destroy();
  }

  comeBack(): void {
    this.offlineUntil = 0;
  }

  get offline(): boolean {
    return Date.now() < this.offlineUntil;
  }

  /** An input changes: ground loop (digital input), motion, or tamper; `active` false ends it. */
  trigger(kind: OnvifTrigger, active = true): void {
    const spec = TOPICS[kind];
    const message: DeviceNotification = {
      topic: spec.topic,
      utcTime: this.deviceNow,
      operation: 'Changed',
      source: spec.source,
      data: { [spec.dataName]: String(active) },
    };
    this.pullPoints.publish(message);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (this.offline) {
      req.socket.destroy();
      return;
    }
    const path = new URL(req.url ?? '/', this.base).pathname;
    if (req.method === 'GET' && path === '/onvif/snapshot.jpg') return this.serveSnapshot(req, res);
    if (req.method !== 'POST' || !path.startsWith('/onvif/')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const request = parseSoapRequest(body);
      if (
        !PRE_AUTH.has(request.action) &&
        !verifyUsernameToken(request.usernameToken, this.account, this.deviceNow)
      ) {
        // ONVIF core §5.12: a rejected WS-Security token is HTTP 400 with ter:NotAuthorized.
        return send(res, 400, soapFault('Sender', 'ter:NotAuthorized', 'Sender not Authorized'));
      }
      this.requests.push(request.action);
      const answer = await this.answer(request.action, request.body, path);
      send(res, answer.status ?? 200, answer.xml);
    } catch (error) {
      if (error instanceof SoapParseError) {
        send(res, 400, soapFault('Sender', 'ter:WellFormed', error.message));
        return;
      }
      throw error;
    }
  }

  private async answer(
    action: string,
    body: Record<string, unknown>,
    path: string,
  ): Promise<{ xml: string; status?: number }> {
    const now = this.deviceNow;
    const ok = (xml: string) => ({ xml: soapEnvelope(xml) });
    switch (action) {
      case 'GetSystemDateAndTime':
        return ok(systemDateAndTimeResponse(now));
      case 'GetServices':
        return ok(servicesResponse(this.base));
      case 'GetCapabilities':
        return ok(capabilitiesResponse(this.base, this.relayTokens.length));
      case 'GetDeviceInformation':
        return ok(deviceInformationResponse(this.identity));
      case 'GetProfiles':
        return ok(profilesResponse());
      case 'GetVideoSources':
        return ok(videoSourcesResponse());
      case 'GetStreamUri':
        return ok(mediaUriResponse('GetStreamUri', this.options.rtspUri ?? 'rtsp://127.0.0.1:8554/main'));
      case 'GetSnapshotUri':
        return ok(
          mediaUriResponse('GetSnapshotUri', this.options.snapshotUri ?? `${this.base}/onvif/snapshot.jpg`),
        );
      case 'GetRelayOutputs':
        return ok(relayOutputsResponse(this.relayTokens, this.options.relayMode ?? 'Bistable', 1000));
      case 'SetRelayOutputState':
        return this.setRelay(body);
      case 'CreatePullPointSubscription': {
        const requested = parseDuration(textOf(child(body, 'InitialTerminationTime'))) ?? 60_000;
        const point = this.pullPoints.create(Date.now(), requested);
        const address = `${this.base}/onvif/subscription/${point.id}`;
        return ok(subscriptionResponse(address, now, new Date(point.terminatesAt + this.skewMs)));
      }
      case 'PullMessages':
      case 'Renew':
      case 'Unsubscribe':
        return this.subscriptionOperation(action, body, path);
      default:
        return {
          xml: soapFault('Receiver', 'ter:ActionNotSupported', `${action} is not supported`),
          status: 500,
        };
    }
  }

  private setRelay(body: Record<string, unknown>): { xml: string; status?: number } {
    const token = textOf(child(body, 'RelayOutputToken')) ?? '';
    const state = textOf(child(body, 'LogicalState'));
    if (!this.relayTokens.includes(token) || (state !== 'active' && state !== 'inactive')) {
      return {
        xml: soapFault('Sender', 'ter:InvalidArgVal', `no relay ${token} or bad state ${state}`),
        status: 400,
      };
    }
    this.relayCommands.push({ token, state, at: new Date() });
    return { xml: soapEnvelope('<tds:SetRelayOutputStateResponse/>') };
  }

  private async subscriptionOperation(
    action: 'PullMessages' | 'Renew' | 'Unsubscribe',
    body: Record<string, unknown>,
    path: string,
  ): Promise<{ xml: string; status?: number }> {
    const id = /^\/onvif\/subscription\/([\w-]+)$/.exec(path)?.[1] ?? '';
    const live = this.pullPoints.live(id, Date.now());
    if (!live) {
      return {
        xml: soapFault('Sender', 'wsrf-rw:ResourceUnknownFault', 'unknown or expired subscription'),
        status: 400,
      };
    }
    const deviceTime = (ms: number) => new Date(ms + this.skewMs);
    if (action === 'Unsubscribe') {
      this.pullPoints.remove(id);
      return { xml: soapEnvelope('<wsnt:UnsubscribeResponse/>') };
    }
    if (action === 'Renew') {
      const requested = parseDuration(textOf(child(body, 'TerminationTime'))) ?? 60_000;
      const until = this.pullPoints.renew(id, Date.now(), requested) ?? live.terminatesAt;
      return { xml: soapEnvelope(renewResponse(this.deviceNow, deviceTime(until))) };
    }
    const timeout = parseDuration(textOf(child(body, 'Timeout'))) ?? 10_000;
    const limit = Number(textOf(child(body, 'MessageLimit')) ?? 10) || 10;
    const messages = await this.pullPoints.pull(
      id,
      Math.min(timeout, this.options.maxPullWaitMs ?? 60_000),
      limit,
    );
    const after = this.pullPoints.live(id, Date.now());
    return {
      xml: soapEnvelope(
        pullMessagesResponse(this.deviceNow, deviceTime(after?.terminatesAt ?? Date.now()), messages),
      ),
    };
  }

  private serveSnapshot(req: IncomingMessage, res: ServerResponse): void {
    if (!this.digest.verify('GET', req.url ?? '', req.headers.authorization)) {
      res
        .writeHead(401, { 'www-authenticate': this.digest.challenge(), 'content-type': 'text/plain' })
        .end('Unauthorized');
      return;
    }
    if (this.options.snapshotRedirect) {
      res.writeHead(302, { location: this.options.snapshotRedirect }).end();
      return;
    }
    const photo = this.snapshot;
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length }).end(photo);
  }

  private get relayTokens(): readonly string[] {
    return this.options.relayTokens ?? ['RelayOutput_0'];
  }

  private get identity(): DeviceIdentity {
    return {
      manufacturer: 'Ecogate Simulated',
      model: 'SIM-ONVIF-1',
      firmwareVersion: '1.0.0',
      serialNumber: 'SIM0001',
      hardwareId: 'sim',
      ...this.options.identity,
    };
  }
}

function send(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(xml);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
