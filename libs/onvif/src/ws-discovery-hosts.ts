import { cidr, type DeviceNetworks } from '@ecogate/config';
import { isIPv4 } from 'node:net';

/** Why a set of networks cannot be swept; nothing was sent. */
export type DiscoveryRefusal = 'invalid-network' | 'not-ipv4' | 'too-many-hosts' | 'network-not-allowed';

export class DiscoveryRefused extends Error {
  constructor(
    readonly refusal: DiscoveryRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'DiscoveryRefused';
  }
}

/** A sweep sends one datagram per host: more than this many is a scan, not a plant's camera subnet. */
export const DEFAULT_MAX_DISCOVERY_HOSTS = 1024;

interface Ipv4Block {
  readonly network: number;
  readonly bits: number;
}

const toNumber = (address: string): number =>
  address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
const toAddress = (value: number): string =>
  [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
const maskOf = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/** An IPv4 address or CIDR block (IPv4 only: a sweep of an IPv6 prefix is not a thing). */
function parseBlock(entry: string): Ipv4Block {
  if (!cidr.safeParse(entry).success)
    throw new DiscoveryRefused('invalid-network', `${entry} is not an IP address or CIDR block`);
  const [address = '', bits = '32'] = entry.split('/');
  if (!isIPv4(address))
    throw new DiscoveryRefused('not-ipv4', `${entry}: discovery sweeps IPv4 networks only`);
  const block = { network: toNumber(address), bits: Number(bits) };
  const network = (block.network & maskOf(block.bits)) >>> 0;
  if (network !== block.network)
    throw new DiscoveryRefused(
      'invalid-network',
      `${entry} has host bits set; the block is ${toAddress(network)}/${block.bits}`,
    );
  return block;
}

/** Host addresses of a block: without the network and broadcast addresses, except in a /31 or /32. */
function hostRange({ network, bits }: Ipv4Block): { first: number; count: number } {
  const size = 2 ** (32 - bits);
  return size <= 2 ? { first: network, count: size } : { first: network + 1, count: size - 2 };
}

/** `10.0.0.0/24`, and a bare address as `/32`: the form duplicates are compared in. */
export function canonicalNetwork(entry: string): string {
  const block = parseBlock(entry);
  return `${toAddress(block.network)}/${block.bits}`;
}

export interface DiscoveryHostOptions {
  /** Refuse more host addresses than this in total (default 1024). */
  readonly maxHosts?: number;
  /** Every host must be inside these (`DEVICE_ALLOWED_NETWORKS`): a sweep never leaves the device networks. */
  readonly allowed?: DeviceNetworks;
}

/**
 * Every host address of the given IPv4 blocks, each once, in order. Throws `DiscoveryRefused` for a
 * malformed or IPv6 entry, more than `maxHosts` addresses, or a host outside `allowed`.
 */
export function discoveryHosts(networks: readonly string[], options: DiscoveryHostOptions = {}): string[] {
  const maxHosts = options.maxHosts ?? DEFAULT_MAX_DISCOVERY_HOSTS;
  const blocks = networks.map((entry) => ({ entry, range: hostRange(parseBlock(entry)) }));
  const total = blocks.reduce((sum, { range }) => sum + range.count, 0);
  if (total > maxHosts)
    throw new DiscoveryRefused(
      'too-many-hosts',
      `${networks.join(', ')} hold ${total} host addresses; at most ${maxHosts} are probed`,
    );
  const hosts = new Set<string>();
  for (const { entry, range } of blocks) {
    for (let i = 0; i < range.count; i += 1) {
      const host = toAddress(range.first + i);
      if (options.allowed && !options.allowed.allows(host))
        throw new DiscoveryRefused(
          'network-not-allowed',
          `${entry}: ${host} is outside the allowed device networks (${options.allowed})`,
        );
      hosts.add(host);
    }
  }
  return [...hosts];
}
