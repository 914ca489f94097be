import { XMLParser } from 'fast-xml-parser';

export type XmlNode = { readonly [key: string]: unknown };

// Entities off, namespaces dropped: device answers are read by local names only.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['NotificationMessage', 'SimpleItem', 'RelayOutputs'].includes(name),
});

export const isNode = (value: unknown): value is XmlNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function path(node: unknown, ...names: string[]): unknown {
  let current = node;
  for (const name of names) current = isNode(current) ? current[name] : undefined;
  return current;
}

export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  const value = isNode(node) ? node[`@_${name}`] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** The first element of the SOAP Body; throws when the answer is not SOAP. */
export function soapBody(xml: string): XmlNode {
  if (/<!DOCTYPE/i.test(xml)) throw new Error('DOCTYPE in a device answer');
  const body = path(parser.parse(xml), 'Envelope', 'Body');
  if (!isNode(body)) throw new Error('Wrong ONVIF SOAP response');
  return body;
}

/** A SOAP 1.2 fault as the device sent it: code and subcodes by local name (`Sender`, `InvalidArgVal`, `NoProfile`). */
export interface SoapFaultInfo {
  readonly code: string;
  readonly subcodes: readonly string[];
  readonly reason: string;
  readonly detail: unknown;
}

const localName = (qname: string | undefined): string => (qname ?? '').replace(/^[^:]*:/, '');

/** The fault in a device answer; undefined when it is none (or not SOAP at all). */
export function readFault(xml: string | undefined): SoapFaultInfo | undefined {
  let fault: unknown;
  try {
    fault = xml ? path(soapBody(xml), 'Fault') : undefined;
  } catch {
    return undefined;
  }
  if (!isNode(fault)) return undefined;
  const subcodes: string[] = [];
  for (let sub = path(fault, 'Code', 'Subcode'); isNode(sub); sub = path(sub, 'Subcode')) {
    subcodes.push(localName(textOf(path(sub, 'Value'))));
  }
  return {
    code: localName(textOf(path(fault, 'Code', 'Value'))),
    subcodes,
    reason: textOf(path(fault, 'Reason', 'Text')) ?? '',
    detail: path(fault, 'Detail'),
  };
}

/** `PT1S`, `PT0.5S`, `PT2M` → milliseconds. */
export function durationMs(value: string | undefined): number | undefined {
  const match = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value ?? '');
  if (!match || (!match[1] && !match[2] && !match[3])) return undefined;
  const [h, m, s] = [match[1], match[2], match[3]].map((p) => Number(p ?? 0)) as [number, number, number];
  return Math.round(((h * 60 + m) * 60 + s) * 1000);
}

/** Milliseconds → `PT<seconds>S` as ONVIF expects. */
export const duration = (ms: number): string => `PT${Math.max(ms, 0) / 1000}S`;

export const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
