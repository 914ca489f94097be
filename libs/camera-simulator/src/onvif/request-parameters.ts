import { NS } from './namespaces';
import { type CapabilityCategory, PROFILE_TOKEN } from './onvif-responses';
import { SoapFault } from './soap-fault';
import { childNamed, childrenNamed, type XmlElement } from './xml-tree';

// Reading an operation's parameters (already checked against its schema) into what the device
// answers, with the faults the specifications name for a bad value.

/** The text of the parameter `{ns}name`. */
export const parameter = (element: XmlElement | undefined, ns: string, name: string): string | undefined =>
  childNamed(element, ns, name)?.text;

const CAPABILITY_CATEGORIES = ['All', 'Analytics', 'Device', 'Events', 'Imaging', 'Media', 'PTZ'];

export function requireProfile(element: XmlElement): void {
  const token = parameter(element, NS.trt, 'ProfileToken');
  // Media GetProfile, GetStreamUri, GetSnapshotUri: a token naming no profile is env:Sender/ter:InvalidArgVal/ter:NoProfile.
  if (token !== PROFILE_TOKEN) throw SoapFault.invalidArgVal(`no media profile ${token}`, 'ter:NoProfile');
}

export function booleanParameter(element: XmlElement, ns: string, name: string): boolean {
  const value = parameter(element, ns, name);
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw SoapFault.invalidArgVal(`${name} must be a boolean, not ${value}`);
}

/** GetCapabilities' Category list (none: All); a category the device lacks is ter:NoSuchService. */
export function capabilityCategories(element: XmlElement): Set<CapabilityCategory> {
  const asked = childrenNamed(element, NS.tds, 'Category').map((c) => c.text);
  const unknown = asked.find((category) => !CAPABILITY_CATEGORIES.includes(category));
  if (unknown !== undefined) throw SoapFault.invalidArgVal(`no capability category ${unknown}`);
  const missing = asked.find((category) => ['Analytics', 'Imaging', 'PTZ'].includes(category));
  if (missing) {
    throw new SoapFault('Receiver', ['ter:ActionNotSupported', 'ter:NoSuchService'], `no ${missing} service`);
  }
  if (asked.length === 0 || asked.includes('All')) return new Set(['Device', 'Events', 'Media']);
  return new Set(asked as CapabilityCategory[]);
}

/**
 * Media §5.15.1's valid StreamSetups: RTP-Unicast over UDP or RTSP (both the RTSP URI: the RTP
 * transport is negotiated in RTSP SETUP) or over HTTP (RTSP tunnelled over HTTP, on the web
 * service's port as the spec requires). Multicast (capability RTPMulticast false), the deprecated
 * bare TCP transport and tunnels are ter:InvalidStreamSetup.
 */
export function streamUri(setup: XmlElement | undefined, rtspUri: string, webBase: string): string {
  const stream = parameter(setup, NS.tt, 'Stream');
  const transport = childNamed(setup, NS.tt, 'Transport');
  const protocol = parameter(transport, NS.tt, 'Protocol');
  if (stream === 'RTP-Unicast' && !childNamed(transport, NS.tt, 'Tunnel')) {
    if (protocol === 'UDP' || protocol === 'RTSP') return rtspUri;
    if (protocol === 'HTTP') {
      const { pathname, search } = new URL(rtspUri);
      return `${webBase}${pathname}${search}`;
    }
  }
  throw SoapFault.invalidArgVal(
    `stream ${stream} over ${protocol} is not supported`,
    'ter:InvalidStreamSetup',
  );
}
