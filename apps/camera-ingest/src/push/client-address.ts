import { isIP } from 'node:net';
import { sourceMatcher } from '../registry/registry.dto';

/**
 * The address a push came from, for the device allow-list. Behind a reverse proxy the socket peer is
 * the proxy, and the camera is in `X-Forwarded-For`. Only hops we trust may speak for the client:
 * the header is read right to left, skipping trusted proxies, and the first untrusted address wins.
 * Anything left of it was written by that client and may be forged, so it is never used.
 */
export class ClientAddressResolver {
  private readonly trusted: (address: string) => boolean;

  /** `trustedProxies`: IPs or CIDR blocks; empty = the header is ignored and the socket address used. */
  constructor(trustedProxies: readonly string[]) {
    this.trusted = trustedProxies.length > 0 ? sourceMatcher(trustedProxies) : () => false;
  }

  resolve(socketAddress: string, forwardedFor: string | readonly string[] | undefined): string {
    if (!this.trusted(socketAddress) || forwardedFor === undefined) return socketAddress;
    const hops = (typeof forwardedFor === 'string' ? [forwardedFor] : forwardedFor)
      .join(',')
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop.length > 0);
    let client = socketAddress;
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = hops[i] ?? '';
      // A hop that is not an IP address stops the walk; it matches no allow-list entry (fail closed).
      if (isIP(hop) === 0 || !this.trusted(hop)) return hop;
      client = hop;
    }
    // Every hop is one of our proxies: the left-most is the closest we know to the client.
    return client;
  }
}
