import { XMLParser } from 'fast-xml-parser';

/** An element with its namespace resolved: what a SOAP stack matches on, whatever prefix was used. */
export interface XmlElement {
  readonly ns: string;
  readonly local: string;
  /** Attributes by `{namespace}local` (or `local` when unqualified); `xmlns` declarations excluded. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Character content (entities decoded, CDATA as is), trimmed. */
  readonly text: string;
  /** Prefix → namespace in scope here ('' the default): what QName-valued content resolves against. */
  readonly namespaces: ReadonlyMap<string, string>;
}

export class XmlParseError extends Error {}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

// Entities are decoded here (the five predefined ones and character references only) so that no
// DOCTYPE-declared entity is ever expanded; a DOCTYPE is refused before parsing anyway.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
});

type RawNode = Record<string, unknown>;

/** Parses a document into its root element; refuses DOCTYPEs, undeclared prefixes and unknown entities. */
export function parseXml(xml: string): XmlElement {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlParseError('DOCTYPE is not allowed');
  let nodes: unknown;
  try {
    nodes = parser.parse(xml, true);
  } catch (error) {
    throw new XmlParseError(`not well-formed XML: ${(error as Error).message}`);
  }
  const roots = (Array.isArray(nodes) ? (nodes as RawNode[]) : []).filter((n) => elementName(n));
  if (roots.length !== 1 || !roots[0]) throw new XmlParseError('a document has exactly one root element');
  return toElement(roots[0], new Map([['xml', XML_NS]]));
}

function elementName(node: RawNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata');
}

function toElement(node: RawNode, inherited: ReadonlyMap<string, string>): XmlElement {
  const name = elementName(node) ?? '';
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(inherited);
  for (const [attribute, value] of Object.entries(rawAttributes)) {
    if (attribute === 'xmlns') scope.set('', decode(value));
    else if (attribute.startsWith('xmlns:')) scope.set(attribute.slice(6), decode(value));
  }
  const [ns, local] = resolve(name, scope, true);
  const attributes = new Map<string, string>();
  for (const [attribute, value] of Object.entries(rawAttributes)) {
    if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) continue;
    // Namespaces in XML §6.2: an unprefixed attribute is in no namespace (not the default one).
    const [attributeNs, attributeLocal] = resolve(attribute, scope, false);
    attributes.set(attributeNs ? `{${attributeNs}}${attributeLocal}` : attributeLocal, decode(value));
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const item of (node[name] ?? []) as RawNode[]) {
    if (typeof item['#text'] === 'string') text += decode(item['#text']);
    else if (Array.isArray(item['#cdata']))
      text += (item['#cdata'] as RawNode[]).map((c) => String(c['#text'] ?? '')).join('');
    else if (elementName(item)) children.push(toElement(item, scope));
  }
  return { ns, local, attributes, children, text: text.trim(), namespaces: scope };
}

function resolve(qname: string, scope: ReadonlyMap<string, string>, useDefault: boolean): [string, string] {
  const colon = qname.indexOf(':');
  if (colon < 0) return [useDefault ? (scope.get('') ?? '') : '', qname];
  const prefix = qname.slice(0, colon);
  const ns = scope.get(prefix);
  if (ns === undefined) throw new XmlParseError(`undeclared namespace prefix '${prefix}'`);
  return [ns, qname.slice(colon + 1)];
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);|&/g, (match, entity: string | undefined) => {
    if (!entity) throw new XmlParseError('a bare & is not well-formed');
    if (entity.startsWith('#x')) return character(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return character(parseInt(entity.slice(1), 10));
    const known = PREDEFINED[entity];
    if (known === undefined) throw new XmlParseError(`undeclared entity &${entity};`);
    return known;
  });
}

function character(code: number): string {
  if (!(code > 0 && code <= 0x10ffff)) throw new XmlParseError(`invalid character reference ${code}`);
  return String.fromCodePoint(code);
}

/** The children named `{ns}local`. */
export const childrenNamed = (element: XmlElement | undefined, ns: string, local: string): XmlElement[] =>
  element?.children.filter((c) => c.ns === ns && c.local === local) ?? [];

export const childNamed = (
  element: XmlElement | undefined,
  ns: string,
  local: string,
): XmlElement | undefined => childrenNamed(element, ns, local)[0];

/** `{ns}local`, as faults and logs name an element. */
export const qualified = (element: Pick<XmlElement, 'ns' | 'local'>): string =>
  `{${element.ns}}${element.local}`;
