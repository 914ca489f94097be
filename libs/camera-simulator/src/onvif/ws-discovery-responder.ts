import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { type AddressInfo } from 'node:net';
import { NS, probeMatches, probeMatchesMessage, readProbe } from './ws-discovery-messages';

export { probeMatchesMessage, type ProbeMatchContent } from './ws-discovery-messages';

/** The WS-Discovery port (SOAP-over-UDP). */
export const WS_DISCOVERY_PORT = 3702;

/**
 * How the device answers a matching Probe: a proper ProbeMatches; not XML; the right shape in the
 * WS-Discovery 1.1 (2009/01) namespace, which ONVIF devices do not speak; or not at all.
 */
export type WsDiscoveryAnswer = 'probe-matches' | 'malformed' | 'wrong-namespace' | 'silent';

export interface WsDiscoveryResponderOptions {
  /** The address it listens on (tests use 127.0.0.2, 127.0.0.3, … on one port). Default 127.0.0.1. */
  readonly address?: string;
  /** Default 3702; 0 = a free port. */
  readonly port?: number;
  /** Its device service URLs (an `OnvifDeviceSimulator`'s `…/onvif/device_service`). */
  readonly xaddrs: readonly string[];
  /** Default a fresh `urn:uuid:…`. */
  readonly endpoint?: string;
  readonly name?: string;
  readonly hardware?: string;
  /** A location scope path, e.g. `city/Jinan`. */
  readonly location?: string;
  readonly metadataVersion?: number;
  readonly answer?: WsDiscoveryAnswer;
  /** Send each answer twice, as SOAP-over-UDP allows for unicast (UNICAST_UDP_REPEAT = 1). */
  readonly repeatAnswers?: boolean;
  /** Answer from another local address than the one probed (a second interface, or a spoofer). */
  readonly answerFrom?: string;
}

/** A Probe the device received. */
export interface ReceivedProbe {
  readonly messageId: string;
  readonly from: { readonly address: string; readonly port: number };
  /** Whether its types and scopes matched this device (only then is it answered). */
  readonly matched: boolean;
}

/**
 * The WS-Discovery side of a simulated ONVIF camera: listens for Probes (SOAP 1.2 over UDP, the
 * 2005/04 namespace ONVIF uses) and answers one whose Types are `dn:NetworkVideoTransmitter` and/or
 * `tds:Device` (or none) with a unicast ProbeMatches to the sender: RelatesTo the probe's MessageID,
 * its endpoint reference, types, ONVIF scopes (type, hardware, name, location) and XAddrs. Anything
 * else — malformed datagrams, probes for other types or scopes — gets no answer, as on a camera.
 * No Hello/Bye.
 */
export class WsDiscoveryResponder {
  /** Every well-formed Probe received, in order. */
  readonly probes: ReceivedProbe[] = [];
  /** Datagrams that were not a Probe. */
  ignored = 0;
  readonly endpoint: string;
  private readonly instanceId = Math.floor(Date.now() / 1000);
  private messageNumber = 0;
  private socket?: Socket;
  private answerSocket?: Socket;

  constructor(private readonly options: WsDiscoveryResponderOptions) {
    this.endpoint = options.endpoint ?? `urn:uuid:${randomUUID()}`;
  }

  get scopes(): string[] {
    const onvif = 'onvif://www.onvif.org';
    const { name, hardware, location } = this.options;
    return [
      `${onvif}/type/video_encoder`,
      `${onvif}/Profile/Streaming`,
      ...(hardware ? [`${onvif}/hardware/${encodeURIComponent(hardware)}`] : []),
      ...(name ? [`${onvif}/name/${encodeURIComponent(name)}`] : []),
      ...(location ? [`${onvif}/location/${location.split('/').map(encodeURIComponent).join('/')}`] : []),
    ];
  }

  /** Binds; resolves with the address and port it listens on. */
  async start(): Promise<{ address: string; port: number }> {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    socket.on('message', (datagram, from) => this.receive(datagram, from));
    this.socket = socket;
    await bind(socket, this.options.port ?? WS_DISCOVERY_PORT, this.options.address ?? '127.0.0.1');
    if (this.options.answerFrom) {
      this.answerSocket = createSocket('udp4');
      await bind(this.answerSocket, 0, this.options.answerFrom);
    }
    const { address, port } = socket.address();
    return { address, port };
  }

  async stop(): Promise<void> {
    await Promise.all(
      [this.socket, this.answerSocket].map(
        (socket) => socket && new Promise<void>((resolve) => socket.close(() => resolve())),
      ),
    );
  }

  private receive(datagram: Buffer, from: AddressInfo): void {
    const probe = readProbe(datagram.toString('utf8'));
    if (!probe) {
      this.ignored++;
      return;
    }
    const matched = probeMatches(probe, this.scopes);
    this.probes.push({
      messageId: probe.messageId,
      from: { address: from.address, port: from.port },
      matched,
    });
    const answer = this.options.answer ?? 'probe-matches';
    if (!matched || answer === 'silent') return;
    const reply =
      answer === 'malformed'
        ? `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${NS.soap}"><SOAP-ENV:Body><d:ProbeMatches>`
        : probeMatchesMessage({
            relatesTo: probe.messageId,
            messageId: `urn:uuid:${randomUUID()}`,
            endpoint: this.endpoint,
            scopes: this.scopes,
            xaddrs: this.options.xaddrs,
            metadataVersion: this.options.metadataVersion ?? 1,
            instanceId: this.instanceId,
            messageNumber: ++this.messageNumber,
            ...(answer === 'wrong-namespace' ? { discoveryNamespace: NS.discovery2009 } : {}),
          });
    const socket = this.answerSocket ?? this.socket;
    for (let copy = 0; copy < (this.options.repeatAnswers ? 2 : 1); copy++)
      socket?.send(reply, from.port, from.address);
  }
}

function bind(socket: Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => {
      socket.off('error', reject);
      // A datagram the OS could not deliver must not crash the test process.
      socket.on('error', () => undefined);
      resolve();
    });
  });
}
