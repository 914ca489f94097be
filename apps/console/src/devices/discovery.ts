import { type paths } from '../api/generated/schema';
import { type Device, type DeviceKind } from './device-rows';

export const DISCOVERY = '/api/camera-ingest/v1/enterprises/{enterpriseId}/sites/{siteId}/onvif-discovery';

export type DiscoveryResult =
  paths[typeof DISCOVERY]['post']['responses'][200]['content']['application/json'];
export type DiscoveredDevice = DiscoveryResult['devices'][number];

/** camera-ingest's limits on a site's `discoveryNetworks` (docs/camera-ingest.md, "ONVIF discovery"). */
export const MAX_DISCOVERY_NETWORKS = 16;
export const MAX_DISCOVERY_HOSTS = 1024;

/** Why a list of discovery networks would be refused; only a hint, the service decides (and knows the allowed networks). */
export type NetworkProblem =
  | { readonly kind: 'invalid'; readonly entry: string }
  | { readonly kind: 'host-bits'; readonly entry: string; readonly network: string }
  | { readonly kind: 'duplicate'; readonly entry: string }
  | { readonly kind: 'too-many-networks'; readonly count: number }
  | { readonly kind: 'too-many-hosts'; readonly hosts: number };

interface Ipv4Block {
  readonly network: number;
  readonly bits: number;
}

// Dotted quad as Node's `isIPv4` reads it: no leading zeros, each octet ≤ 255.
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4_OR_CIDR = new RegExp(`^(${OCTET}(?:\\.${OCTET}){3})(?:/(\\d{1,2}))?$`);

const toNumber = (address: string): number =>
  address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
const toAddress = (value: number): string =>
  [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
const maskOf = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/** An IPv4 block (`10.0.0.0/24`, a bare address is a /32), or why it is none. */
function parseBlock(entry: string): Ipv4Block | NetworkProblem {
  const match = IPV4_OR_CIDR.exec(entry.trim());
  const bits = Number(match?.[2] ?? '32');
  if (!match || bits > 32) return { kind: 'invalid', entry };
  const address = toNumber(match[1] ?? '');
  const network = (address & maskOf(bits)) >>> 0;
  if (network !== address) return { kind: 'host-bits', entry, network: `${toAddress(network)}/${bits}` };
  return { network, bits };
}

/** Addresses a sweep probes in a block: not the network and broadcast addresses, except in a /31 or /32. */
function hostsIn({ bits }: Ipv4Block): number {
  const size = 2 ** (32 - bits);
  return size <= 2 ? size : size - 2;
}

/** How many addresses a sweep of these networks probes (malformed entries count nothing). */
export function discoveryHostCount(networks: readonly string[]): number {
  return networks.map(parseBlock).reduce((sum, block) => ('kind' in block ? sum : sum + hostsIn(block)), 0);
}

/**
 * The first reason camera-ingest would refuse these discovery networks, or null: IPv4 blocks with
 * no host bits set, no duplicates, at most 16 blocks and 1024 probed addresses. Whether they lie in
 * the allowed device networks only the service knows.
 */
export function networksProblem(entries: readonly string[]): NetworkProblem | null {
  if (entries.length > MAX_DISCOVERY_NETWORKS) return { kind: 'too-many-networks', count: entries.length };
  const seen = new Set<string>();
  let hosts = 0;
  for (const entry of entries) {
    const block = parseBlock(entry);
    if ('kind' in block) return block;
    const canonical = `${toAddress(block.network)}/${block.bits}`;
    if (seen.has(canonical)) return { kind: 'duplicate', entry };
    seen.add(canonical);
    hosts += hostsIn(block);
  }
  return hosts > MAX_DISCOVERY_HOSTS ? { kind: 'too-many-hosts', hosts } : null;
}

/** `host:port` of a URL (default port left out, as URL does), or null when it is not one. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

const DEFAULT_DEVICE_SERVICE = '/onvif/device_service';

/**
 * The `address` to register a found device with. The ONVIF supervisor takes a base URL as the
 * device service at `/onvif/device_service` and any other path as the device service itself, so
 * the usual XAddr becomes its origin and an unusual one is kept whole (without query or fragment).
 * The XAddr on the address that answered is preferred: it is the one we know reaches the device.
 */
export function registrationAddress(
  device: Pick<DiscoveredDevice, 'xaddrs' | 'respondedFrom'>,
): string | null {
  const urls = device.xaddrs.flatMap((xaddr) => {
    try {
      return [new URL(xaddr)];
    } catch {
      return [];
    }
  });
  const url = urls.find((u) => u.hostname === device.respondedFrom) ?? urls[0];
  if (!url) return null;
  return url.pathname === DEFAULT_DEVICE_SERVICE || url.pathname === '/'
    ? url.origin
    : `${url.origin}${url.pathname}`;
}

export interface DiscoveryRow {
  readonly key: string;
  readonly found: DiscoveredDevice;
  /** The enterprise's devices on this host: the service's `registeredAs` and those registered since. */
  readonly registeredAs: readonly { readonly id: string; readonly name?: string }[];
  /** What `address` registering it would send; null when no XAddr is a URL. */
  readonly address: string | null;
}

/**
 * One row per found device, each with the registry devices it already is. The listing was taken
 * before any registration made from it, so registry devices whose address has the host and port
 * of one of its XAddrs (the service's own rule) count too.
 */
export function discoveryRows(result: DiscoveryResult, devices: readonly Device[]): DiscoveryRow[] {
  const byId = new Map(devices.map((d) => [d.id, d]));
  return result.devices.map((found) => {
    const hosts = new Set(found.xaddrs.map(hostOf).filter((h): h is string => h !== null));
    const since = devices
      .filter((d) => d.address !== null && hosts.has(hostOf(d.address) ?? ''))
      .map((d) => d.id);
    const ids = [...new Set([...found.registeredAs, ...since])];
    return {
      key: found.endpoint,
      found,
      registeredAs: ids.map((id) => {
        const name = byId.get(id)?.name;
        return name === undefined ? { id } : { id, name };
      }),
      address: registrationAddress(found),
    };
  });
}

/** The kinds a found ONVIF device may be registered as. */
export const DISCOVERED_KINDS: readonly DeviceKind[] = ['overview-camera', 'anpr-camera'];

/** What the device form starts from when registering a found device. */
export interface DeviceDraft {
  readonly name: string;
  readonly vendor: Device['vendor'];
  readonly address: string;
  /** The kinds to choose from. */
  readonly kinds: readonly DeviceKind[];
}

export function draftFrom(row: DiscoveryRow): DeviceDraft {
  const { found } = row;
  return {
    name: found.name ?? found.hardware ?? found.respondedFrom,
    vendor: 'onvif',
    address: row.address ?? '',
    kinds: DISCOVERED_KINDS,
  };
}
