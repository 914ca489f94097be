import { DeviceNetworks } from '@ecogate/config';
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { hostOf } from './device-address';
import { discoveryHosts } from './ws-discovery-hosts';
import {
  DiscoveryAnswerError,
  NETWORK_VIDEO_TRANSMITTER,
  type ProbeMatch,
  type ProbeMatches,
  probeMessage,
  readProbeMatches,
} from './ws-discovery-messages';

/** The WS-Discovery port (SOAP-over-UDP). */
export const WS_DISCOVERY_PORT = 3702;
/** ~1.1 Mbit/s of probes: a /24 in 1.3 s, gentle on a VPN link to a plant. */
export const DEFAULT_PROBES_PER_SECOND = 200;

export interface DiscoveryOptions {
  /** IPv4 addresses or CIDR blocks; every host address in them gets one unicast Probe. */
  readonly networks: readonly string[];
  /**
   * Where devices may be reached (`DEVICE_ALLOWED_NETWORKS`): every probed host must be inside, and
   * an XAddr is kept only inside both these and `networks`.
   */
  readonly allowed: DeviceNetworks;
  /** The devices' WS-Discovery port (3702). */
  readonly port?: number;
  /** How long answers are awaited after the last Probe went out. */
  readonly timeoutMs: number;
  /** Refuse more host addresses than this in total (default 1024). */
  readonly maxHosts?: number;
  readonly probesPerSecond?: number;
}

/** An ONVIF device that answered, deduplicated by its endpoint reference. */
export interface DiscoveredDevice {
  /** The device's stable id (`urn:uuid:…`). */
  readonly endpoint: string;
  /** Its device service URLs, only those inside the allowed networks. */
  readonly xaddrs: readonly string[];
  readonly types: readonly string[];
  readonly scopes: readonly string[];
  /** From `onvif://www.onvif.org/name/…` (URL-decoded); null when the device has none. */
  readonly name: string | null;
  /** From `onvif://www.onvif.org/hardware/…`. */
  readonly hardware: string | null;
  /** Every `onvif://www.onvif.org/location/…` (e.g. `city/Jinan`). */
  readonly locations: readonly string[];
  readonly metadataVersion: number | null;
  /** The probed address the ProbeMatches came from. */
  readonly respondedFrom: string;
}

export interface DiscoveryResult {
  readonly devices: readonly DiscoveredDevice[];
  readonly probedHosts: number;
  readonly durationMs: number;
  /** Datagrams that were not a ProbeMatches to one of our probes from the host it was sent to. */
  readonly ignoredAnswers: number;
  /** XAddrs not kept: outside the networks, not an IP literal (names are not looked up), not http(s). */
  readonly droppedXAddrs: readonly { readonly from: string; readonly xaddr: string }[];
  /** Probes the network stack refused to send (no route, …). */
  readonly sendErrors: number;
}

/**
 * Lists the ONVIF devices in a site's networks. Multicast (239.255.255.250) does not cross the
 * routed links and VPNs between a city cluster and its plants, so every host address gets a
 * unicast Probe instead, paced at `probesPerSecond`, from one UDP socket; ProbeMatches are
 * collected until `timeoutMs` after the last one. Strict on what it believes: an answer counts only
 * from the host its probe went to, relating to that probe's MessageID, in the 2005/04 namespaces;
 * XAddrs pointing outside the networks are dropped (a device must not send us elsewhere).
 * IPv4 only. Throws `DiscoveryRefused` (nothing sent) for networks it will not sweep.
 */
export async function discoverOnvifDevices(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const hosts = discoveryHosts(options.networks, {
    ...(options.maxHosts === undefined ? {} : { maxHosts: options.maxHosts }),
    allowed: options.allowed,
  });
  const started = performance.now();
  const sweep = new ProbeSweep(options.allowed, new DeviceNetworks(options.networks));
  const socket = createSocket('udp4');
  socket.on('message', (datagram, from) => sweep.receive(datagram, from.address));
  socket.on('error', () => sweep.sendErrors++);
  await new Promise<void>((resolve) => socket.bind(0, resolve));
  try {
    await paced(hosts, options.probesPerSecond ?? DEFAULT_PROBES_PER_SECOND, (host) =>
      sweep.probe(socket, host, options.port ?? WS_DISCOVERY_PORT),
    );
    await sleep(options.timeoutMs);
  } finally {
    socket.close();
  }
  return {
    devices: [...sweep.devices.values()],
    probedHosts: hosts.length,
    durationMs: Math.round(performance.now() - started),
    ignoredAnswers: sweep.ignored,
    droppedXAddrs: sweep.dropped,
    sendErrors: sweep.sendErrors,
  };
}

/** The state of one sweep: which MessageID went to which host, and what came back. */
class ProbeSweep {
  readonly devices = new Map<string, DiscoveredDevice>();
  readonly dropped: { from: string; xaddr: string }[] = [];
  ignored = 0;
  sendErrors = 0;
  private readonly sentTo = new Map<string, string>();
  private readonly answered = new Set<string>();

  constructor(
    private readonly allowed: DeviceNetworks,
    private readonly swept: DeviceNetworks,
  ) {}

  probe(socket: Socket, host: string, port: number): void {
    const messageId = `urn:uuid:${randomUUID()}`;
    this.sentTo.set(messageId, host);
    socket.send(probeMessage(messageId), port, host, (error) => {
      if (error) this.sendErrors++;
    });
  }

  receive(datagram: Buffer, from: string): void {
    let answer: ProbeMatches;
    try {
      answer = readProbeMatches(datagram.toString('utf8'));
    } catch (error) {
      if (!(error instanceof DiscoveryAnswerError)) throw error;
      this.ignored++;
      return;
    }
    // Only the host we asked, about what we asked: an unprobed or spoofing sender is not believed.
    if (this.sentTo.get(answer.relatesTo) !== from) {
      this.ignored++;
      return;
    }
    // SOAP-over-UDP repeats unicast messages; the copy of an answer is no news.
    if (this.answered.has(answer.relatesTo)) return;
    this.answered.add(answer.relatesTo);
    for (const match of answer.matches) this.add(match, from);
  }

  private add(match: ProbeMatch, from: string): void {
    if (!match.types.includes(NETWORK_VIDEO_TRANSMITTER)) return;
    const xaddrs = match.xaddrs.filter((xaddr) => {
      const kept = this.inside(xaddr);
      if (!kept) this.dropped.push({ from, xaddr });
      return kept;
    });
    if (xaddrs.length === 0) return;
    const known = this.devices.get(match.endpoint);
    if (known) {
      // The same device seen from another of its addresses: one device, all its service URLs.
      const more = xaddrs.filter((xaddr) => !known.xaddrs.includes(xaddr));
      this.devices.set(match.endpoint, { ...known, xaddrs: [...known.xaddrs, ...more] });
      return;
    }
    this.devices.set(match.endpoint, {
      endpoint: match.endpoint,
      xaddrs,
      types: match.types,
      scopes: match.scopes,
      ...parseScopes(match.scopes),
      metadataVersion: match.metadataVersion,
      respondedFrom: from,
    });
  }

  private inside(xaddr: string): boolean {
    let url: URL;
    try {
      url = new URL(xaddr);
    } catch {
      return false;
    }
    const host = hostOf(url);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.username === '' &&
      url.password === '' &&
      isIPv4(host) &&
      this.allowed.allows(host) &&
      this.swept.allows(host)
    );
  }
}

const SCOPE = /^onvif:\/\/www\.onvif\.org\/(name|hardware|location)\/(.+)$/i;

/** The ONVIF scopes operators recognise a camera by (Core §7.3.2.2). */
export function parseScopes(scopes: readonly string[]): {
  name: string | null;
  hardware: string | null;
  locations: string[];
} {
  const found: Record<'name' | 'hardware' | 'location', string[]> = { name: [], hardware: [], location: [] };
  for (const scope of scopes) {
    const [, kind, value] = SCOPE.exec(scope) ?? [];
    if (kind && value) found[kind.toLowerCase() as keyof typeof found].push(decode(value));
  }
  return { name: found.name[0] ?? null, hardware: found.hardware[0] ?? null, locations: found.location };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Calls `each` for every item at about `perSecond`, catching up after a late timer instead of drifting. */
async function paced<T>(items: readonly T[], perSecond: number, each: (item: T) => void): Promise<void> {
  const tickMs = Math.max(10, 1000 / perSecond);
  const start = performance.now();
  let next = 0;
  while (next < items.length) {
    const due = Math.min(items.length, Math.floor(((performance.now() - start) * perSecond) / 1000) + 1);
    items.slice(next, due).forEach((item) => each(item));
    next = due;
    if (next < items.length) await sleep(tickMs);
  }
}
