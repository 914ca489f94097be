import {
  childNamed,
  childrenNamed,
  readNamespacedXml,
  resolveQName,
  type XmlElement,
} from './namespaced-xml';
import { escapeXml } from './soap-xml';

/** WS-Discovery as ONVIF uses it (Core §7.3): the 2005/04 draft over SOAP 1.2 and WS-Addressing 2004/08. */
export const WS_DISCOVERY_NAMESPACES = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  addressing: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  discovery: 'http://schemas.xmlsoap.org/ws/2005/04/discovery',
  onvifNetwork: 'http://www.onvif.org/ver10/network/wsdl',
  onvifDevice: 'http://www.onvif.org/ver10/device/wsdl',
} as const;
const NS = WS_DISCOVERY_NAMESPACES;

const PROBE_ACTION = `${NS.discovery}/Probe`;
const PROBE_MATCHES_ACTION = `${NS.discovery}/ProbeMatches`;
/** What a device answers us as: the types ONVIF devices announce, by their usual prefixes. */
export const NETWORK_VIDEO_TRANSMITTER = 'dn:NetworkVideoTransmitter';
const KNOWN_PREFIXES: Readonly<Record<string, string>> = { [NS.onvifNetwork]: 'dn', [NS.onvifDevice]: 'tds' };

// Bounds on what one answer may carry: anything larger is not a camera's ProbeMatches.
const MAX_MATCHES = 16;
const MAX_LIST = 32;
const MAX_URI = 512;

/** A Probe for ONVIF video transmitters, sent to one host (its own MessageID, to match the answer). */
export function probeMessage(messageId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<s:Envelope xmlns:s="${NS.soap}" xmlns:a="${NS.addressing}" xmlns:d="${NS.discovery}" xmlns:dn="${NS.onvifNetwork}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${PROBE_ACTION}</a:Action>` +
    `<a:MessageID>${escapeXml(messageId)}</a:MessageID>` +
    `<a:ReplyTo><a:Address>${NS.addressing}/role/anonymous</a:Address></a:ReplyTo>` +
    `<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>` +
    `<s:Body><d:Probe><d:Types>${NETWORK_VIDEO_TRANSMITTER}</d:Types></d:Probe></s:Body></s:Envelope>`
  );
}

/** One target service of a ProbeMatches, as the device described itself (nothing checked against our networks yet). */
export interface ProbeMatch {
  /** The EndpointReference address: the device's stable id (`urn:uuid:…`). */
  readonly endpoint: string;
  /** `dn:NetworkVideoTransmitter`, `tds:Device`; other namespaces as `{namespace}name`. */
  readonly types: readonly string[];
  readonly scopes: readonly string[];
  readonly xaddrs: readonly string[];
  readonly metadataVersion: number | null;
}

export interface ProbeMatches {
  /** The MessageID of the probe this answers. */
  readonly relatesTo: string;
  readonly matches: readonly ProbeMatch[];
}

/** A datagram that is not a well-formed WS-Discovery 2005/04 ProbeMatches. */
export class DiscoveryAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoveryAnswerError';
  }
}

function required(parent: XmlElement, namespace: string, name: string): XmlElement {
  const found = childNamed(parent, namespace, name);
  if (!found) throw new DiscoveryAnswerError(`expected exactly one ${name} in ${parent.name}`);
  return found;
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

function boundedList(element: XmlElement | undefined, what: string): string[] {
  const items = element ? words(element.text) : [];
  if (items.length > MAX_LIST || items.some((item) => item.length > MAX_URI))
    throw new DiscoveryAnswerError(
      `${what}: more than ${MAX_LIST} entries or an entry over ${MAX_URI} characters`,
    );
  return items;
}

function typeName(qname: string, scope: ReadonlyMap<string, string>): string {
  const resolved = resolveQName(qname, scope);
  if (!resolved) throw new DiscoveryAnswerError(`Types: ${qname} is not a QName in scope`);
  const prefix = KNOWN_PREFIXES[resolved.namespace];
  return prefix ? `${prefix}:${resolved.name}` : `{${resolved.namespace}}${resolved.name}`;
}

function probeMatch(element: XmlElement): ProbeMatch {
  const endpoint = required(
    required(element, NS.addressing, 'EndpointReference'),
    NS.addressing,
    'Address',
  ).text;
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(endpoint) || endpoint.length > MAX_URI)
    throw new DiscoveryAnswerError('EndpointReference: not an absolute URI');
  const typesElement = childNamed(element, NS.discovery, 'Types');
  const types = boundedList(typesElement, 'Types').map((qname) =>
    typeName(qname, typesElement?.scope ?? new Map()),
  );
  const version = childNamed(element, NS.discovery, 'MetadataVersion')?.text;
  if (version !== undefined && !/^\d{1,10}$/.test(version))
    throw new DiscoveryAnswerError('MetadataVersion: not an unsigned integer');
  return {
    endpoint,
    types,
    scopes: boundedList(childNamed(element, NS.discovery, 'Scopes'), 'Scopes'),
    xaddrs: boundedList(childNamed(element, NS.discovery, 'XAddrs'), 'XAddrs'),
    metadataVersion: version === undefined ? null : Number(version),
  };
}

/**
 * Reads a ProbeMatches strictly: SOAP 1.2 envelope, WS-Addressing 2004/08 Action and RelatesTo,
 * WS-Discovery 2005/04 body, QNames resolved in scope. Throws `DiscoveryAnswerError` otherwise.
 */
export function readProbeMatches(datagram: string): ProbeMatches {
  let envelope: XmlElement;
  try {
    envelope = readNamespacedXml(datagram);
  } catch (error) {
    throw new DiscoveryAnswerError((error as Error).message);
  }
  if (envelope.namespace !== NS.soap || envelope.name !== 'Envelope')
    throw new DiscoveryAnswerError(
      `root is {${envelope.namespace}}${envelope.name}, not a SOAP 1.2 Envelope`,
    );
  const header = required(envelope, NS.soap, 'Header');
  const action = required(header, NS.addressing, 'Action').text;
  if (action !== PROBE_MATCHES_ACTION) throw new DiscoveryAnswerError(`Action ${action} is not ProbeMatches`);
  const relatesTo = required(header, NS.addressing, 'RelatesTo').text;
  const body = required(envelope, NS.soap, 'Body');
  if (body.children.length !== 1) throw new DiscoveryAnswerError('the Body must hold one ProbeMatches');
  const matches = childrenNamed(required(body, NS.discovery, 'ProbeMatches'), NS.discovery, 'ProbeMatch');
  if (matches.length > MAX_MATCHES) throw new DiscoveryAnswerError(`more than ${MAX_MATCHES} ProbeMatch`);
  return { relatesTo, matches: matches.map(probeMatch) };
}
