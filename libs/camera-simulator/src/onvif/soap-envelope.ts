import { XMLParser } from 'fast-xml-parser';

/** A parsed SOAP request: the header's UsernameToken (if any), the operation and its body. */
export interface SoapRequest {
  readonly action: string;
  readonly body: XmlNode;
  readonly usernameToken?: UsernameToken;
}

export interface UsernameToken {
  readonly username: string;
  readonly password: string;
  readonly passwordType: string;
  readonly nonce: string;
  readonly created: string;
}

export type XmlNode = { readonly [key: string]: unknown };

// Entities off and no DOCTYPE: a device must not expand what a client sends.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  trimValues: true,
});

export class SoapParseError extends Error {}

const isNode = (value: unknown): value is XmlNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of an element that may carry attributes (`{ '#text': … }`). */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'];
  return undefined;
}

export function child(node: unknown, name: string): unknown {
  return isNode(node) ? node[name] : undefined;
}

export function parseSoapRequest(xml: string): SoapRequest {
  if (/<!DOCTYPE/i.test(xml)) throw new SoapParseError('DOCTYPE is not allowed');
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch (error) {
    throw new SoapParseError(`not well-formed XML: ${(error as Error).message}`);
  }
  const envelope = child(document, 'Envelope');
  const body = child(envelope, 'Body');
  if (!isNode(body)) throw new SoapParseError('no SOAP Body');
  const action = Object.keys(body).find((key) => !key.startsWith('@_'));
  if (!action) throw new SoapParseError('empty SOAP Body');
  const operation = body[action];
  const token = child(child(child(envelope, 'Header'), 'Security'), 'UsernameToken');
  const usernameToken = isNode(token) ? readToken(token) : undefined;
  return {
    action,
    body: isNode(operation) ? operation : {},
    ...(usernameToken ? { usernameToken } : {}),
  };
}

function readToken(token: XmlNode): UsernameToken {
  const password = token['Password'];
  return {
    username: textOf(token['Username']) ?? '',
    password: textOf(password) ?? '',
    passwordType: (isNode(password) && typeof password['@_Type'] === 'string' && password['@_Type']) || '',
    nonce: textOf(token['Nonce']) ?? '',
    created: textOf(token['Created']) ?? '',
  };
}

const NAMESPACES = [
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope"',
  'xmlns:a="http://www.w3.org/2005/08/addressing"',
  'xmlns:tt="http://www.onvif.org/ver10/schema"',
  'xmlns:tds="http://www.onvif.org/ver10/device/wsdl"',
  'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"',
  'xmlns:tev="http://www.onvif.org/ver10/events/wsdl"',
  'xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2"',
  'xmlns:tns1="http://www.onvif.org/ver10/topics"',
  'xmlns:ter="http://www.onvif.org/ver10/error"',
].join(' ');

export function soapEnvelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${NAMESPACES}><s:Body>${body}</s:Body></s:Envelope>`;
}

/** SOAP 1.2 fault with an ONVIF subcode (`ter:NotAuthorized`, `ter:ActionNotSupported`, …). */
export function soapFault(code: 'Sender' | 'Receiver', subcode: string, reason: string): string {
  return soapEnvelope(
    `<s:Fault><s:Code><s:Value>s:${code}</s:Value><s:Subcode><s:Value>${subcode}</s:Value></s:Subcode></s:Code>` +
      `<s:Reason><s:Text xml:lang="en">${escapeXml(reason)}</s:Text></s:Reason></s:Fault>`,
  );
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `PT2M`, `PT10S`, `PT1H30M`, `PT0.5S` → milliseconds; undefined when not a duration. */
export function parseDuration(value: string | undefined): number | undefined {
  const match = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value ?? '');
  if (!match || (!match[1] && !match[2] && !match[3])) return undefined;
  const [h, m, s] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
  ];
  return Math.round(((h * 60 + m) * 60 + s) * 1000);
}
