import { type DeviceNetworks } from '@ecogate/config';
import { meter } from '@ecogate/telemetry';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { OnvifError } from './onvif-error';

/** Why a device address or a URI a device reported was not used. */
export type DeviceAddressRefusal = 'network-not-allowed' | 'foreign-host' | 'redirect';

/**
 * A device address outside the site's networks, or a URI a device reported that points at another
 * host (or a redirect): nothing was sent there. A `protocol` failure for the camera's health.
 */
export class DeviceAddressRefused extends OnvifError {
  constructor(
    readonly refusal: DeviceAddressRefusal,
    message: string,
  ) {
    super('protocol', message);
    this.name = 'DeviceAddressRefused';
  }
}

const refusals = meter('onvif').createCounter('onvif_device_address_refused_total', {
  description: 'Device addresses and device-reported URIs refused (reason, what), nothing sent to them',
});

function refuse(refusal: DeviceAddressRefusal, what: string, message: string): never {
  refusals.add(1, { reason: refusal, what });
  throw new DeviceAddressRefused(refusal, message);
}

/** The host of a URL as compared: lower case, IPv6 without brackets. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/**
 * Refuses a host outside `networks`. A name is resolved and every address it has must be inside
 * (checked again before each connection, so a changed DNS answer is caught at the next one).
 */
export async function assertDeviceNetwork(
  host: string,
  networks: DeviceNetworks,
  what: string,
): Promise<void> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(bare) !== 0) addresses = [bare];
  else {
    try {
      addresses = (await lookup(bare, { all: true })).map((a) => a.address);
    } catch (error) {
      throw new OnvifError('unreachable', `${what}: cannot resolve ${bare}`, { cause: error });
    }
  }
  const outside = addresses.find((address) => !networks.allows(address));
  if (outside !== undefined || addresses.length === 0)
    refuse(
      'network-not-allowed',
      what,
      `${what}: ${bare} (${outside ?? 'no address'}) is outside the allowed device networks (${networks})`,
    );
}

/**
 * A URI a device reported (snapshot, stream, service or subscription address) is used only on the
 * device's own host. The port may differ (RTSP on 554, snapshots on another HTTP port of the same
 * camera); another host — another loopback address included — is refused.
 */
export function assertSameHost(registered: URL, reported: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(reported);
  } catch {
    throw new OnvifError('protocol', `${what}: the device reported an invalid URI`);
  }
  if (hostOf(url) !== hostOf(registered))
    refuse(
      'foreign-host',
      what,
      `${what}: the device reported host ${url.hostname}, not its own ${registered.hostname}`,
    );
  return url;
}

/** A redirect is never followed (it could lead to another host, with the login). */
export function refuseRedirect(status: number, location: string | undefined, what: string): never {
  refuse('redirect', what, `${what}: HTTP ${status} redirect to ${location ?? '(no location)'} not followed`);
}
