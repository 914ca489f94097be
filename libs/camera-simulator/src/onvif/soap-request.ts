import { NS } from './namespaces';
import { Soap11VersionMismatch, SoapFault } from './soap-fault';
import { parseXml, qualified, type XmlElement, XmlParseError } from './xml-tree';

/** A SOAP 1.2 request: its header blocks and the one operation element of its Body. */
export interface SoapRequest {
  readonly headers: readonly XmlElement[];
  readonly operation: XmlElement;
}

const FOR_US = new Set([undefined, `${NS.soap12}/role/ultimateReceiver`, `${NS.soap12}/role/next`]);

/**
 * Reads a request the way a SOAP 1.2 node must (namespaces resolved, never prefixes): a SOAP 1.1 or
 * unknown envelope is a VersionMismatch, anything not well-formed (a DOCTYPE included) ter:WellFormed.
 */
export function parseSoapRequest(xml: string): SoapRequest {
  let envelope: XmlElement;
  try {
    envelope = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlParseError) throw SoapFault.wellFormed(error.message);
    throw error;
  }
  if (envelope.ns === NS.soap11 && envelope.local === 'Envelope') throw new Soap11VersionMismatch();
  if (envelope.ns !== NS.soap12 || envelope.local !== 'Envelope') throw SoapFault.versionMismatch();

  // Part 1 §5.1: an optional Header, then exactly one Body, and nothing else.
  const [first, second] = envelope.children;
  const hasHeader = first?.ns === NS.soap12 && first.local === 'Header';
  const body = hasHeader ? second : first;
  if (body?.ns !== NS.soap12 || body.local !== 'Body' || envelope.children.length !== (hasHeader ? 2 : 1)) {
    throw new SoapFault('Sender', ['ter:TagMismatch'], 'an Envelope holds an optional Header and one Body');
  }
  const headers = hasHeader && first ? first.children : [];

  // WS-I Basic Profile (R9981): one operation element per Body.
  const [operation, ...others] = body.children;
  if (!operation) throw new SoapFault('Sender', ['ter:Tag'], 'the Body names no operation');
  if (others.length > 0) {
    throw SoapFault.invalidArgs(`one operation per request, got ${body.children.map(qualified).join(', ')}`);
  }
  return { headers, operation };
}

/**
 * SOAP 1.2 Part 1 §5.2.3: a header block addressed to the device with mustUnderstand="true" that it
 * does not process (its namespace is not in `understood`) is an env:MustUnderstand fault. Checked
 * once HTTP authentication passed: that happens before any SOAP processing.
 */
export function checkMustUnderstand(headers: readonly XmlElement[], understood: ReadonlySet<string>): void {
  const notUnderstood = headers.filter(
    (block) =>
      /^(true|1)$/.test(block.attributes.get(`{${NS.soap12}}mustUnderstand`) ?? '') &&
      FOR_US.has(block.attributes.get(`{${NS.soap12}}role`)) &&
      !understood.has(block.ns),
  );
  if (notUnderstood.length > 0) throw SoapFault.mustUnderstand(notUnderstood);
}
