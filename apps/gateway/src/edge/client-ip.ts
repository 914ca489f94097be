import { isIP } from 'node:net';

/**
 * The client's address for rate limits, audit and `X-Forwarded-For`. With `trustedHops` = 0 it is
 * the TCP peer. Behind N proxies of our own (the ingress, a load balancer) it is the address the
 * N-th of them saw, read from the right of `X-Forwarded-For` — entries further left are whatever
 * the client wrote and are never trusted.
 */
export function clientIpOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const socket = normalise(peer ?? '') ?? 'unknown';
  if (trustedHops <= 0 || forwardedFor === undefined) return socket;
  const chain = [
    ...(Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((part) => part.trim()),
    socket,
  ];
  const candidate = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return (candidate && normalise(candidate)) ?? socket;
}

/** A plain IP (IPv4-mapped IPv6 shown as IPv4), or undefined for anything else. */
function normalise(address: string): string | undefined {
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(plain) ? plain : undefined;
}
