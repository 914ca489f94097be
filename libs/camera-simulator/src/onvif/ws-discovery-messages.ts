import { escapeXml } from './soap-envelope';
import { childNamed, parseXml, type XmlElement, XmlParseError } from './xml-tree';

// The device's own reading of WS-Discovery, independent of the product's client (libs/onvif), so a
// mistake in one is not hidden by the same mistake in the other.

export const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  addressing: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  discovery: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  /** WS-Discovery 1.1 (2009/01): not what ONVIF devices speak; used to send a wrong answer on purpose. */
  discovery2009: 'http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01',
  onvifNetwork: 'http://www.onvif.org/ver10/network/wsdl',
  onvifDevice: 'http://www.onvif.org/ver10/device/wsdl',
} as const;

const PROBE_ACTION = `${NS.discovery}/Probe`;
const RFC3986 = `${NS.discovery}/rfc3986`;
const STRCMP0 = `${NS.discovery}/strcmp0`;

/** The types an ONVIF video transmitter is (Core §7.3.2.1), as `{namespace}name`. */
export const DEVICE_TYPES: readonly string[] = [
  `{${NS.onvifNetwork}}NetworkVideoTransmitter`,
  `{${NS.onvifDevice}}Device`,
];

/** A Probe as the device understood it. */
export interface Probe {
  readonly messageId: string;
  /** Resolved QNames, `{namespace}name`. */
  readonly types: readonly string[];
  readonly scopes: readonly string[];
  /** Absent = rfc3986. */
  readonly matchBy: string | undefined;
}

const words = (element: XmlElement | undefined): string[] =>
  (element?.text ?? '').split(/\s+/).filter(Boolean);

// A QName in content resolves against the namespaces in scope where it is written; an unprefixed one
// needs a default namespace (WS-Discovery types are always qualified).
const resolve = (qname: string, namespaces: ReadonlyMap<string, string>): string | undefined => {
  const [prefix, name] = qname.includes(':') ? qname.split(':', 2) : ['', qname];
  const ns = namespaces.get(prefix ?? '');
  return ns === undefined ? undefined : `{${ns}}${name}`;
};

/** The Probe in a datagram, or undefined for anything else (a device stays silent on garbage). */
export function readProbe(datagram: string): Probe | undefined {
  let root: XmlElement;
  try {
    root = parseXml(datagram);
  } catch (error) {
    if (error instanceof XmlParseError) return undefined;
    throw error;
  }
  if (root.ns !== NS.soap || root.local !== 'Envelope') return undefined;
  const header = childNamed(root, NS.soap, 'Header');
  const probe = childNamed(childNamed(root, NS.soap, 'Body'), NS.discovery, 'Probe');
  const messageId = childNamed(header, NS.addressing, 'MessageID')?.text;
  if (childNamed(header, NS.addressing, 'Action')?.text !== PROBE_ACTION || !probe || !messageId)
    return undefined;
  const typesElement = childNamed(probe, NS.discovery, 'Types');
  const types = words(typesElement).map((qname) => resolve(qname, typesElement?.namespaces ?? new Map()));
  if (!types.every((type): type is string => type !== undefined)) return undefined;
  const scopesElement = childNamed(probe, NS.discovery, 'Scopes');
  return {
    messageId,
    types,
    scopes: words(scopesElement),
    matchBy: scopesElement?.attributes.get('MatchBy'),
  };
}

/** WS-Discovery matching (§5.1): every requested type is one of ours, every scope matches one of ours. */
export function probeMatches(probe: Probe, deviceScopes: readonly string[]): boolean {
  if (!probe.types.every((type) => DEVICE_TYPES.includes(type))) return false;
  const trim = (scope: string) => scope.replace(/\/+$/, '');
  const matches = (wanted: string, ours: string): boolean => {
    if (probe.matchBy === STRCMP0) return wanted === ours;
    // rfc3986: the same scheme and authority (any case), the wanted path a segment prefix of ours.
    const [w, o] = [trim(wanted), trim(ours)];
    const lower = (uri: string) => uri.replace(/^[^:]+:\/\/[^/]*/, (head) => head.toLowerCase());
    return lower(o) === lower(w) || lower(o).startsWith(`${lower(w)}/`);
  };
  if (probe.matchBy !== undefined && probe.matchBy !== RFC3986 && probe.matchBy !== STRCMP0) return false;
  return probe.scopes.every((wanted) => deviceScopes.some((ours) => matches(wanted, ours)));
}

export interface ProbeMatchContent {
  readonly relatesTo: string;
  readonly messageId: string;
  readonly endpoint: string;
  readonly scopes: readonly string[];
  readonly xaddrs: readonly string[];
  readonly metadataVersion: number;
  readonly instanceId: number;
  readonly messageNumber: number;
  /** The discovery namespace of the answer (the 2009 one only to be wrong on purpose). */
  readonly discoveryNamespace?: string;
}

/** A ProbeMatches the way gSOAP-based cameras write it (`SOAP-ENV`, `wsa`, `d` prefixes). */
export function probeMatchesMessage(answer: ProbeMatchContent): string {
  const d = answer.discoveryNamespace ?? NS.discovery;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${NS.soap}" xmlns:wsa="${NS.addressing}" xmlns:d="${d}" ` +
    `xmlns:dn="${NS.onvifNetwork}" xmlns:tds="${NS.onvifDevice}">` +
    `<SOAP-ENV:Header><wsa:MessageID>${escapeXml(answer.messageId)}</wsa:MessageID>` +
    `<wsa:RelatesTo>${escapeXml(answer.relatesTo)}</wsa:RelatesTo>` +
    `<wsa:To SOAP-ENV:mustUnderstand="1">${NS.addressing}/role/anonymous</wsa:To>` +
    `<wsa:Action SOAP-ENV:mustUnderstand="1">${d}/ProbeMatches</wsa:Action>` +
    `<d:AppSequence SOAP-ENV:mustUnderstand="1" MessageNumber="${answer.messageNumber}" InstanceId="${answer.instanceId}"/>` +
    `</SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>` +
    `<wsa:EndpointReference><wsa:Address>${escapeXml(answer.endpoint)}</wsa:Address></wsa:EndpointReference>` +
    `<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>` +
    `<d:Scopes>${answer.scopes.map(escapeXml).join(' ')}</d:Scopes>` +
    `<d:XAddrs>${answer.xaddrs.map(escapeXml).join(' ')}</d:XAddrs>` +
    `<d:MetadataVersion>${answer.metadataVersion}</d:MetadataVersion>` +
    `</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}
