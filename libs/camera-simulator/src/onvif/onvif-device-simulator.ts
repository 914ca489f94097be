import { type IncomingMessage, type ServerResponse } from 'node:http';
import { DeviceHttpListener } from '../device-http-listener';
import { scenePhoto } from '../samples';
import { type OnvifTrigger, sourceValues, topicExpression, TOPICS } from './device-topics';
import { HttpDigestChallenge } from './http-digest-challenge';
import { NS } from './namespaces';
import {
  capabilitiesResponse,
  type DeviceFeatures,
  type DeviceIdentity,
  type DeviceNotification,
  deviceInformationResponse,
  deviceServiceCapabilities,
  eventPropertiesResponse,
  eventServiceCapabilities,
  hostnameResponse,
  mediaServiceCapabilities,
  mediaUriResponse,
  profileResponse,
  profilesResponse,
  pullMessagesResponse,
  type RelayMode,
  relayOutputsResponse,
  renewResponse,
  scopesResponse,
  serviceCapabilitiesResponse,
  servicesResponse,
  subscriptionResponse,
  systemDateAndTimeResponse,
  videoSourcesResponse,
} from './onvif-responses';
import { checkParameters, endpointOf, findOperation, type OperationSpec } from './onvif-operations';
import {
  booleanParameter,
  capabilityCategories,
  parameter,
  requireProfile,
  streamUri,
} from './request-parameters';
import { authMethods, FAR_OFF_CLOCK_START, type OnvifQuirk } from './onvif-quirks';
import { SoapAuthenticator } from './soap-authentication';
import { duration, parseDuration, parseTerminationTime, soapEnvelope } from './soap-envelope';
import { SoapFault } from './soap-fault';
import { checkMustUnderstand, parseSoapRequest } from './soap-request';
import { SimulatedPullPoints } from './simulated-pull-points';
import { type DeviceAccount, readUsernameToken, UsernameTokenVerifier } from './ws-username-token';
import { childNamed, type XmlElement } from './xml-tree';

export { type OnvifTrigger } from './device-topics';
export { ONVIF_QUIRKS, type OnvifQuirk, parseQuirks, QUIRK_DESCRIPTIONS } from './onvif-quirks';

export interface OnvifDeviceSimulatorOptions {
  readonly account?: DeviceAccount;
  /** What GetStreamUri answers for RTP over UDP or RTSP (an RTSP server elsewhere serves it). */
  readonly rtspUri?: string;
  /** Device clock minus real time (overrides the start of a `clock-far-off` clock). */
  readonly clockSkewMs?: number;
  readonly relayTokens?: readonly string[];
  readonly relayMode?: RelayMode;
  /**
   * Longest PullMessages Timeout the device supports (ONVIF Core asks at least a minute, the
   * default): a longer one is refused with a PullMessagesFaultResponse naming this maximum.
   */
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
  /** Documented behaviours of real models (see the class comment); none: the strict device. */
  readonly quirks?: readonly OnvifQuirk[];
  /** How long an HTTP Digest nonce may be used before it is answered `stale=true` (default 5 min). */
  readonly digestNonceTtlMs?: number;
  /** How far a UsernameToken's Created may be from the device clock (default 5 min). */
  readonly tokenWindowMs?: number;
}

/** A relay command as the device received it. */
export interface RecordedRelayCommand {
  readonly token: string;
  readonly state: 'active' | 'inactive';
  readonly at: Date;
}

/** Most messages one PullMessages returns; a larger MessageLimit is no fault (Core §9.1.2). */
const MAX_MESSAGE_LIMIT = 100;

/**
 * A scriptable ONVIF (Profile S + device IO) camera over real SOAP 1.2/HTTP, as strict as the ONVIF
 * Core, Media and Events specifications: namespace-aware SOAP 1.2 only (a SOAP 1.1 envelope gets a
 * VersionMismatch), each endpoint serving its own service's operations with their parameters
 * checked, WS-UsernameToken (nonce and created required, replays refused) and HTTP Digest (RFC 7616,
 * nonce count and expiry checked) on the SOAP endpoints and the JPEG snapshot URL, PRE_AUTH
 * operations open but present credentials checked, media faults (ter:NoProfile,
 * ter:InvalidStreamSetup), pull-point subscriptions and relay outputs. Tests drive it with
 * `trigger`, `goOffline`, `setClockSkew`, `setAccount` and read back `relayCommands` and `requests`.
 *
 * `quirks` switch one camera to documented behaviours of real models:
 * - `http-digest-only`: SOAP authenticates with HTTP Digest only; the device does not speak
 *   WS-Security: a `wsse:Security` header with mustUnderstand gets env:MustUnderstand, one without
 *   is ignored.
 * - `ws-security-only`: no HTTP Digest on SOAP; no credentials → 400 ter:NotAuthorized.
 * - `clock-far-off`: the clock restarted at 2000-01-01 (power loss): tokens must use the device clock.
 */
export class OnvifDeviceSimulator {
  readonly relayCommands: RecordedRelayCommand[] = [];
  /** Every SOAP operation received, in order (after authentication). */
  readonly requests: string[] = [];
  readonly quirks: readonly OnvifQuirk[];
  private readonly pullPoints: SimulatedPullPoints;
  private readonly http = new DeviceHttpListener(
    (req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) sendFault(res, new SoapFault('Receiver', ['ter:Action'], 'internal error'));
      });
    },
    // A device that is off does not answer.
    () => this.offline,
  );
  private readonly digest: HttpDigestChallenge;
  private readonly authenticator: SoapAuthenticator;
  /** Header blocks it processes: WS-Addressing, and WS-Security unless it does not speak it. */
  private readonly understood: ReadonlySet<string>;
  private account: DeviceAccount;
  private skewMs: number;
  private offlineUntil = 0;
  /** The frames the snapshot URL serves in turn (a live camera's frames differ: sensor noise). */
  private shownView: readonly Buffer[] = [];
  private shownFrames = 0;
  private served = 0;

  constructor(private readonly options: OnvifDeviceSimulatorOptions = {}) {
    this.quirks = [...(options.quirks ?? [])];
    const methods = authMethods(this.quirks);
    this.understood = new Set<string>(methods.usernameToken ? [NS.wsa, NS.wsse] : [NS.wsa]);
    this.account = options.account ?? { username: 'admin', password: 'admin12345' };
    this.skewMs =
      options.clockSkewMs ?? (this.quirks.includes('clock-far-off') ? FAR_OFF_CLOCK_START - Date.now() : 0);
    this.pullPoints = new SimulatedPullPoints(options.maxSubscriptionMs ?? 10 * 60_000);
    this.digest = new HttpDigestChallenge('IP Camera', () => this.account, {
      ...(options.digestNonceTtlMs !== undefined ? { nonceTtlMs: options.digestNonceTtlMs } : {}),
    });
    this.authenticator = new SoapAuthenticator(
      methods,
      this.digest,
      new UsernameTokenVerifier(options.tokenWindowMs),
      () => this.account,
      () => this.deviceNow,
    );
  }

  /** Listens on 127.0.0.1 (a free port unless given); resolves with the base URL `http://host:port`. */
  start(port = 0): Promise<string> {
    return this.http.start(port);
  }

  async stop(): Promise<void> {
    this.pullPoints.clear();
    await this.http.stop();
  }

  get url(): string {
    return this.http.url;
  }

  /** The JPEG the snapshot URL serves now: the view shown (`showView`), else the sample scene. */
  get snapshot(): Buffer {
    return (
      this.shownView[this.shownFrames % this.shownView.length] ?? scenePhoto(this.options.snapshotIndex ?? 0)
    );
  }

  /** Snapshots downloaded so far (after authentication). */
  get snapshotsServed(): number {
    return this.served;
  }

  /**
   * What the camera sees from now on, as a test makes it (the scene shifted, covered, blurred, …):
   * one JPEG (a still image, as a frozen camera sends), or several served in turn, one per
   * snapshot (a live camera: no two frames alike). Nothing puts the sample scene back.
   */
  showView(frames: Buffer | readonly Buffer[] | undefined): void {
    this.shownView = frames === undefined ? [] : Buffer.isBuffer(frames) ? [frames] : [...frames];
    this.shownFrames = 0;
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

  /** The device's WS-Discovery / GetScopes scopes (ONVIF Core §7.3.2.2: profile, hardware and name). */
  get scopes(): string[] {
    const { model, manufacturer } = this.identity;
    return [
      'onvif://www.onvif.org/Profile/Streaming',
      'onvif://www.onvif.org/type/video_encoder',
      `onvif://www.onvif.org/hardware/${encodeURIComponent(model)}`,
      `onvif://www.onvif.org/name/${encodeURIComponent(manufacturer)}`,
    ];
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
    this.http.cutConnections();
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
      topic: topicExpression(spec),
      utcTime: this.deviceNow,
      operation: 'Changed',
      source: sourceValues(spec),
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
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (path === '/onvif/snapshot.jpg') {
      if (req.method === 'GET') return this.serveSnapshot(req, res);
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const endpoint = endpointOf(path);
    if (!endpoint) {
      res.writeHead(404).end();
      return;
    }
    // ONVIF Core §5.8.2.4 (HTTP errors): 405 for another method, 415 for another encapsulation.
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/soap+xml' && mediaType !== 'text/xml') {
      res.writeHead(415).end();
      return;
    }
    try {
      const request = parseSoapRequest(body);
      const spec = findOperation(endpoint.kind, request.operation);
      const outcome = this.authenticator.check(spec, {
        method: req.method,
        url: req.url ?? '',
        ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}),
        ...withToken(readUsernameToken(request.headers)),
      });
      if (outcome === 'challenge' || outcome === 'stale') {
        const fault = SoapFault.notAuthorized();
        res
          .writeHead(401, {
            'www-authenticate': this.digest.challenge(outcome === 'stale'),
            'content-type': fault.contentType,
          })
          .end(fault.toXml());
        return;
      }
      if (outcome === 'refused') throw SoapFault.notAuthorized();
      checkMustUnderstand(request.headers, this.understood);
      this.requests.push(spec.name);
      checkParameters(spec, request.operation);
      send(res, 200, soapEnvelope(await this.answer(spec, request.operation, endpoint.subscriptionId)));
    } catch (error) {
      if (!(error instanceof SoapFault)) throw error;
      sendFault(res, error);
    }
  }

  private async answer(spec: OperationSpec, element: XmlElement, subscriptionId: string): Promise<string> {
    const now = this.deviceNow;
    switch (`${spec.endpoint}:${spec.name}`) {
      case 'device:GetSystemDateAndTime':
        return systemDateAndTimeResponse(now, this.quirks.includes('clock-far-off') ? 'Manual' : 'NTP');
      case 'device:GetServices':
        return servicesResponse(this.features, booleanParameter(element, NS.tds, 'IncludeCapability'));
      case 'device:GetServiceCapabilities':
        return serviceCapabilitiesResponse('tds', deviceServiceCapabilities(this.features));
      case 'device:GetCapabilities':
        return capabilitiesResponse(this.features, capabilityCategories(element));
      case 'device:GetHostname':
        return hostnameResponse(`sim-${this.identity.serialNumber.toLowerCase()}`);
      case 'device:GetDeviceInformation':
        return deviceInformationResponse(this.identity);
      case 'device:GetScopes':
        return scopesResponse(this.scopes);
      case 'device:GetRelayOutputs':
        return relayOutputsResponse(this.relayTokens, this.options.relayMode ?? 'Bistable', 1000);
      case 'device:SetRelayOutputState':
        return this.setRelay(element);
      case 'media:GetServiceCapabilities':
        return serviceCapabilitiesResponse('trt', mediaServiceCapabilities());
      case 'media:GetProfiles':
        return profilesResponse();
      case 'media:GetProfile':
        requireProfile(element);
        return profileResponse();
      case 'media:GetVideoSources':
        return videoSourcesResponse();
      case 'media:GetStreamUri':
        requireProfile(element);
        return mediaUriResponse(
          'GetStreamUri',
          streamUri(
            childNamed(element, NS.trt, 'StreamSetup'),
            this.options.rtspUri ?? 'rtsp://127.0.0.1:8554/main',
            this.url,
          ),
        );
      case 'media:GetSnapshotUri':
        requireProfile(element);
        return mediaUriResponse(
          'GetSnapshotUri',
          this.options.snapshotUri ?? `${this.url}/onvif/snapshot.jpg`,
        );
      case 'events:GetServiceCapabilities':
        return serviceCapabilitiesResponse('tev', eventServiceCapabilities());
      case 'events:GetEventProperties':
        return eventPropertiesResponse();
      case 'events:CreatePullPointSubscription':
        return this.createPullPoint(element);
      default:
        return this.subscriptionOperation(spec.name, element, subscriptionId);
    }
  }

  private setRelay(element: XmlElement): string {
    const token = parameter(element, NS.tds, 'RelayOutputToken') ?? '';
    const state = parameter(element, NS.tds, 'LogicalState');
    // Device IO: an unknown token is env:Sender/ter:InvalidArgVal/ter:RelayToken.
    if (!this.relayTokens.includes(token)) {
      throw SoapFault.invalidArgVal(`no relay ${token}`, 'ter:RelayToken');
    }
    if (state !== 'active' && state !== 'inactive') {
      throw SoapFault.invalidArgVal(`bad LogicalState ${state}`);
    }
    this.relayCommands.push({ token, state, at: new Date() });
    return '<tds:SetRelayOutputStateResponse/>';
  }

  private createPullPoint(element: XmlElement): string {
    const asked = parameter(element, NS.tev, 'InitialTerminationTime');
    const requested = asked === undefined ? 60_000 : parseTerminationTime(asked, this.deviceNow);
    if (requested === undefined || requested <= 0) {
      throw SoapFault.invalidArgVal(`InitialTerminationTime ${asked} is not a future time or a duration`);
    }
    const point = this.pullPoints.create(Date.now(), requested);
    const address = `${this.url}/onvif/subscription/${point.id}`;
    return subscriptionResponse(address, this.deviceNow, new Date(point.terminatesAt + this.skewMs));
  }

  private async subscriptionOperation(operation: string, element: XmlElement, id: string): Promise<string> {
    const live = this.pullPoints.live(id, Date.now());
    if (!live) throw SoapFault.resourceUnknown(this.deviceNow);
    const deviceTime = (ms: number) => new Date(ms + this.skewMs);
    if (operation === 'Unsubscribe') {
      this.pullPoints.remove(id);
      return '<wsnt:UnsubscribeResponse/>';
    }
    if (operation === 'Renew') {
      const asked = parameter(element, NS.wsnt, 'TerminationTime');
      const requested = parseTerminationTime(asked, this.deviceNow);
      if (requested === undefined || requested <= 0) {
        throw SoapFault.invalidArgVal(`TerminationTime ${asked} is not a future time or a duration`);
      }
      const until = this.pullPoints.renew(id, Date.now(), requested) ?? live.terminatesAt;
      return renewResponse(this.deviceNow, deviceTime(until));
    }
    const maxWaitMs = this.options.maxPullWaitMs ?? 60_000;
    const timeout = parseDuration(parameter(element, NS.tev, 'Timeout'));
    const limit = Number(parameter(element, NS.tev, 'MessageLimit'));
    if (timeout === undefined || !Number.isInteger(limit) || limit < 1) {
      throw SoapFault.invalidArgVal('Timeout must be a duration and MessageLimit a positive integer');
    }
    // Core §9.1.2: a Timeout beyond the device's limit gets a PullMessagesFaultResponse naming
    // both limits; within it, an empty answer only comes once the Timeout has passed.
    if (timeout > maxWaitMs) {
      throw new SoapFault('Sender', [], `Timeout exceeds the device's maximum ${duration(maxWaitMs)}`, {
        detail:
          `<tev:PullMessagesFaultResponse><tev:MaxTimeout>${duration(maxWaitMs)}</tev:MaxTimeout>` +
          `<tev:MaxMessageLimit>${MAX_MESSAGE_LIMIT}</tev:MaxMessageLimit></tev:PullMessagesFaultResponse>`,
      });
    }
    const messages = await this.pullPoints.pull(id, timeout, Math.min(limit, MAX_MESSAGE_LIMIT));
    const after = this.pullPoints.live(id, Date.now());
    return pullMessagesResponse(this.deviceNow, deviceTime(after?.terminatesAt ?? Date.now()), messages);
  }

  private serveSnapshot(req: IncomingMessage, res: ServerResponse): void {
    const verdict = this.digest.verify('GET', req.url ?? '', req.headers.authorization);
    if (verdict !== 'ok') {
      res
        .writeHead(401, {
          'www-authenticate': this.digest.challenge(verdict === 'stale'),
          'content-type': 'text/plain',
        })
        .end('Unauthorized');
      return;
    }
    if (this.options.snapshotRedirect) {
      res.writeHead(302, { location: this.options.snapshotRedirect }).end();
      return;
    }
    const photo = this.snapshot;
    this.shownFrames += 1;
    this.served += 1;
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length }).end(photo);
  }

  private get features(): DeviceFeatures {
    const methods = authMethods(this.quirks);
    return { base: this.url, relayOutputs: this.relayTokens.length, ...methods };
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

const withToken = <T>(token: T | undefined): { token?: T } => (token === undefined ? {} : { token });

function send(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(xml);
}

function sendFault(res: ServerResponse, fault: SoapFault): void {
  res.writeHead(fault.status, { 'content-type': fault.contentType }).end(fault.toXml());
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
