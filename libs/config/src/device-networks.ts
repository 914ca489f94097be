import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/**
 * Where devices (cameras, relays) may be reached when a site configures nothing: loopback and the
 * RFC 1918 private ranges (cameras sit on the plant LAN), IPv6 loopback and unique-local. Never
 * link-local (169.254.0.0/16 holds cloud metadata services) or public addresses.
 */
export const DEFAULT_DEVICE_NETWORKS: readonly string[] = [
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::1/128',
  'fc00::/7',
];

/** An IP address or a CIDR block (`10.0.0.0/24`, `fd00::/8`). */
export const cidr = z.string().refine((value) => {
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}, 'must be an IP address or CIDR block');

/** The networks devices may be reached in; `allows` answers for one IP address (never a name). */
export class DeviceNetworks {
  private readonly list = new BlockList();

  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', bits] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.list.addAddress(address, family);
      else this.list.addSubnet(address, Number(bits), family);
    }
  }

  static readonly defaults = new DeviceNetworks(DEFAULT_DEVICE_NETWORKS);

  allows(address: string): boolean {
    // IPv4 through a dual-stack API shows up as ::ffff:a.b.c.d.
    const ip = address.replace(/^\[|\]$/g, '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
    const family = isIP(ip);
    return family !== 0 && this.list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  }

  toString(): string {
    return this.entries.join(', ');
  }
}

/** `DEVICE_ALLOWED_NETWORKS`: comma-separated IPs/CIDRs; unset = `DEFAULT_DEVICE_NETWORKS`. */
export const deviceNetworksEnv = {
  DEVICE_ALLOWED_NETWORKS: z
    .string()
    .default(DEFAULT_DEVICE_NETWORKS.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(cidr).min(1, 'must list at least one network'))
    .transform((entries) => new DeviceNetworks(entries)),
};
