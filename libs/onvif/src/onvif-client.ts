import { DeviceNetworks } from '@ecogate/config';
import { Cam } from 'onvif';
import { z } from 'zod';
import { call, followDeviceClock, rawSoapRequest, soapFooter, soapHeader } from './cam-internals';
import { assertDeviceNetwork, assertSameHost } from './device-address';
import { OnvifError, toOnvifError } from './onvif-error';
import { type PullPointOptions, PullPointSubscription } from './pull-point-subscription';
import { downloadSnapshot } from './snapshot-download';
import { attr, durationMs, escapeXml, list, path, soapBody, textOf } from './soap-xml';

export interface OnvifConnection {
  /** The device's base URL (`http://host:port`); a path other than `/` is its device service. */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** Per request. */
  readonly timeoutMs?: number;
  /** Where the device may be; checked before connecting and before each snapshot. Default: loopback + RFC 1918. */
  readonly networks?: DeviceNetworks;
}

export interface DeviceInformation {
  readonly manufacturer: string;
  readonly model: string;
  readonly firmwareVersion: string;
  readonly serialNumber: string;
  readonly hardwareId: string;
}

export interface OnvifService {
  readonly namespace: string;
  readonly xaddr: string;
}

export interface OnvifCapabilities {
  readonly media: boolean;
  readonly events: boolean;
  readonly pullPoint: boolean;
  readonly relayOutputs: number;
  readonly inputConnectors: number;
}

export interface MediaProfile {
  readonly token: string;
  readonly name: string;
  readonly encoding?: string;
  readonly width?: number;
  readonly height?: number;
}

export interface RelayOutput {
  readonly token: string;
  readonly mode: 'Bistable' | 'Monostable';
  /** Monostable: how long the device holds the relay before it returns to idle. */
  readonly delayTimeMs?: number;
  readonly idleState: 'open' | 'closed';
}

export type RelayState = 'active' | 'inactive';

const text = z.union([z.string(), z.number()]).transform(String);
const deviceInformation = z.object({
  manufacturer: text.default(''),
  model: text.default(''),
  firmwareVersion: text.default(''),
  serialNumber: text.default(''),
  hardwareId: text.default(''),
});
const services = z.array(z.object({ namespace: z.string(), XAddr: z.string() }));
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([z.array(item), item.transform((v) => [v])]);
const serviceList = z.union([
  services,
  z.object({ namespace: z.string(), XAddr: z.string() }).transform((s) => [s]),
]);
const profile = z.object({
  $: z.object({ token: z.string() }),
  name: text.default(''),
  videoEncoderConfiguration: z
    .object({
      encoding: z.string().optional(),
      resolution: z.object({ width: z.number(), height: z.number() }).optional(),
    })
    .optional(),
});
const mediaUri = z.object({ uri: z.string().min(1) });
const capabilities = z.object({
  media: z.object({ XAddr: z.string() }).optional(),
  events: z.object({ XAddr: z.string(), WSPullPointSupport: z.boolean().optional() }).optional(),
  device: z
    .object({
      IO: z
        .object({ relayOutputs: z.number().optional(), inputConnectors: z.number().optional() })
        .optional(),
    })
    .optional(),
});

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A typed client of one ONVIF device over the `onvif` package: WS-UsernameToken on every call,
 * answers checked against schemas, failures as `OnvifError` (unreachable, unauthorised,
 * unsupported, protocol).
 */
export class OnvifClient {
  private constructor(
    private readonly cam: Cam,
    private readonly timeoutMs: number,
    /** The registered address: every URI the device reports must be on its host. */
    private readonly registered: URL,
    private readonly networks: DeviceNetworks,
  ) {}

  /**
   * Connects (device clock, service addresses) and proves the login with an authenticated call.
   * A device outside the allowed networks is refused before anything is sent.
   */
  static async connect(connection: OnvifConnection): Promise<OnvifClient> {
    const url = new URL(connection.url);
    const timeoutMs = connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const networks = connection.networks ?? DeviceNetworks.defaults;
    await assertDeviceNetwork(url.hostname, networks, 'device address');
    const cam = new Cam({
      hostname: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      useSecure: url.protocol === 'https:',
      path: url.pathname === '/' ? '/onvif/device_service' : url.pathname,
      username: connection.username,
      password: connection.password,
      timeout: timeoutMs,
      autoconnect: false,
      // Service and subscription addresses a camera reports are used on the registered host only
      // (behind NAT they are often wrong; elsewhere they could point anywhere).
      preserveAddress: true,
    });
    try {
      // The package's own `connect` also resolves a default video source and throws from inside an
      // HTTP callback on layouts it does not understand (an uncaught crash), so only the two steps
      // every call needs: the device clock (for the UsernameToken) and the service addresses.
      await call((cb) => cam.getSystemDateAndTime(cb));
      await discoverServices(cam);
    } catch (error) {
      throw toOnvifError(error, 'connect');
    }
    const client = new OnvifClient(cam, timeoutMs, url, networks);
    await client.deviceInformation();
    return client;
  }

  deviceInformation(): Promise<DeviceInformation> {
    return this.request('GetDeviceInformation', (cb) => this.cam.getDeviceInformation(cb), deviceInformation);
  }

  services(): Promise<OnvifService[]> {
    return this.request('GetServices', (cb) => this.cam.getServices(false, cb), serviceList).then((list) =>
      list.map((s) => ({ namespace: s.namespace, xaddr: s.XAddr })),
    );
  }

  async capabilities(): Promise<OnvifCapabilities> {
    const caps = await this.request('GetCapabilities', (cb) => this.cam.getCapabilities(cb), capabilities);
    return {
      media: caps.media !== undefined,
      events: caps.events !== undefined,
      pullPoint: caps.events?.WSPullPointSupport === true,
      relayOutputs: caps.device?.IO?.relayOutputs ?? 0,
      inputConnectors: caps.device?.IO?.inputConnectors ?? 0,
    };
  }

  /** The device clock (UTC, whole seconds as ONVIF reports it); later UsernameTokens are dated on it. */
  async deviceTime(): Promise<Date> {
    const time = await this.request(
      'GetSystemDateAndTime',
      (cb) => this.cam.getSystemDateAndTime(cb),
      z.date(),
    );
    followDeviceClock(this.cam, time);
    return time;
  }

  /** Device clock minus ours, in ms; the device's whole seconds are taken at their middle. */
  async clockDriftMs(now: () => number = Date.now): Promise<number> {
    const before = now();
    const deviceTime = await this.deviceTime();
    const after = now();
    return Math.round(deviceTime.getTime() + 500 - (before + after) / 2);
  }

  async profiles(): Promise<MediaProfile[]> {
    const profiles = await this.request('GetProfiles', (cb) => this.cam.getProfiles(cb), oneOrMany(profile));
    return profiles.map((p) => ({
      token: p.$.token,
      name: p.name,
      ...(p.videoEncoderConfiguration?.encoding ? { encoding: p.videoEncoderConfiguration.encoding } : {}),
      ...(p.videoEncoderConfiguration?.resolution ? p.videoEncoderConfiguration.resolution : {}),
    }));
  }

  /** RTP unicast over RTSP (interleaved TCP), the transport every ONVIF camera must offer. */
  async streamUri(profileToken?: string): Promise<string> {
    const token = profileToken ?? (await this.firstProfile());
    return this.mediaUri('GetStreamUri', token, (cb) =>
      this.cam.getStreamUri({ stream: 'RTP-Unicast', protocol: 'RTSP', profileToken: token }, cb),
    );
  }

  async snapshotUri(profileToken?: string): Promise<string> {
    const token = profileToken ?? (await this.firstProfile());
    return this.mediaUri('GetSnapshotUri', token, (cb) =>
      this.cam.getSnapshotUri({ profileToken: token }, cb),
    );
  }

  /**
   * Downloads a JPEG from the snapshot URI (digest auth when the device asks for it): only on the
   * device's own host, inside the allowed networks, no redirect followed.
   */
  async snapshot(options: { uri?: string; maxBytes?: number } = {}): Promise<Buffer> {
    const uri = options.uri ?? (await this.snapshotUri());
    const url = assertSameHost(this.registered, uri, 'snapshot');
    await assertDeviceNetwork(url.hostname, this.networks, 'snapshot');
    return downloadSnapshot(this.cam, uri, {
      timeoutMs: this.timeoutMs,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    });
  }

  async relayOutputs(): Promise<RelayOutput[]> {
    const body = await this.device(
      'GetRelayOutputs',
      '<GetRelayOutputs xmlns="http://www.onvif.org/ver10/device/wsdl"/>',
    );
    return list(path(body, 'GetRelayOutputsResponse', 'RelayOutputs')).map((relay) => {
      const properties = path(relay, 'Properties');
      const delay = durationMs(textOf(path(properties, 'DelayTime')));
      return {
        token: attr(relay, 'token') ?? '',
        mode: textOf(path(properties, 'Mode')) === 'Monostable' ? 'Monostable' : 'Bistable',
        ...(delay !== undefined ? { delayTimeMs: delay } : {}),
        idleState: textOf(path(properties, 'IdleState')) === 'closed' ? 'closed' : 'open',
      };
    });
  }

  async setRelayOutputState(token: string, state: RelayState): Promise<void> {
    await this.device(
      'SetRelayOutputState',
      `<SetRelayOutputState xmlns="http://www.onvif.org/ver10/device/wsdl"><RelayOutputToken>${escapeXml(token)}</RelayOutputToken>` +
        `<LogicalState>${state}</LogicalState></SetRelayOutputState>`,
    );
  }

  /** A pull-point subscription (created lazily on the first pull). */
  pullPoint(options: Omit<PullPointOptions, 'requestTimeoutMs'>): PullPointSubscription {
    return new PullPointSubscription(this.cam, { ...options, requestTimeoutMs: this.timeoutMs });
  }

  /** A media URI on the registered host; a profile the device does not know is named in the error. */
  private async mediaUri(
    operation: 'GetStreamUri' | 'GetSnapshotUri',
    token: string,
    invoke: (callback: (error: Error | null, data?: unknown) => void) => void,
  ): Promise<string> {
    let answer: z.output<typeof mediaUri>;
    try {
      answer = await this.request(operation, invoke, mediaUri);
    } catch (error) {
      if (error instanceof OnvifError && error.fault?.subcodes.includes('NoProfile')) {
        throw new OnvifError(
          'protocol',
          `${operation}: the device has no media profile '${token}' (ter:NoProfile)`,
          {
            cause: error,
            fault: error.fault,
          },
        );
      }
      throw error;
    }
    assertSameHost(this.registered, answer.uri, operation);
    return answer.uri;
  }

  private async firstProfile(): Promise<string> {
    const [first] = await this.profiles();
    if (!first) throw new OnvifError('unsupported', 'the device has no media profile');
    return first.token;
  }

  private async device(operation: string, content: string): Promise<unknown> {
    try {
      const { xml } = await rawSoapRequest(this.cam, {
        body: soapHeader(this.cam) + content + soapFooter(this.cam),
      });
      return soapBody(xml);
    } catch (error) {
      throw toOnvifError(error, operation);
    }
  }

  private async request<S extends z.ZodType>(
    operation: string,
    invoke: (callback: (error: Error | null, data?: unknown) => void) => void,
    schema: S,
  ): Promise<z.output<S>> {
    let data: unknown;
    try {
      data = await call(invoke);
    } catch (error) {
      throw toOnvifError(error, operation);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success)
      throw new OnvifError(
        'unsupported',
        `${operation}: unexpected answer (${parsed.error.message.slice(0, 200)})`,
      );
    return parsed.data;
  }
}

/**
 * The service addresses: GetServices, or GetCapabilities on a device without it. A device that does
 * not speak WS-Security answers the package's mandatory `wsse:Security` header with
 * env:MustUnderstand (SOAP 1.2 §5.2.3): it is spoken to with HTTP Digest only from then on.
 */
async function discoverServices(cam: Cam): Promise<void> {
  try {
    await call((cb) => cam.getServices(true, cb));
  } catch (error) {
    const failure = toOnvifError(error, 'GetServices');
    if (failure.fault?.code === 'MustUnderstand' && cam.useWSSecurity) {
      cam.useWSSecurity = false;
      return discoverServices(cam);
    }
    if (failure.code === 'unauthorised' || failure.code === 'unreachable') throw failure;
    await call((cb) => cam.getCapabilities(cb));
  }
}
