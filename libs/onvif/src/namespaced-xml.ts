import { XMLParser } from 'fast-xml-parser';

/**
 * An XML element with its namespace resolved from the `xmlns` declarations in scope. `soap-xml.ts`
 * drops prefixes (device answers over HTTP are read by local names); WS-Discovery answers come from
 * anyone on the network, so they are read strictly: the same local name in another namespace (the
 * 2009 WS-Discovery, SOAP 1.1) is a different element.
 */
export interface XmlElement {
  /** `''` for no namespace. */
  readonly namespace: string;
  readonly name: string;
  /** As written (`MatchBy`, `s:mustUnderstand`); `xmlns` declarations included. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (entities decoded), trimmed. */
  readonly text: string;
  /** Prefix → namespace in scope here (`''` the default), to resolve QName values such as `dn:NetworkVideoTransmitter`. */
  readonly scope: ReadonlyMap<string, string>;
}

export class XmlReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlReadError';
  }
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

// Entities off (no expansion of anything a sender declares), order kept so namespaces can be scoped.
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
});

type OrderedNode = Readonly<Record<string, unknown>>;
const isRecord = (value: unknown): value is OrderedNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses one document into its root element; throws `XmlReadError` for anything not well-formed or not namespace-correct. */
export function readNamespacedXml(xml: string): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlReadError('DOCTYPE and entity declarations are refused');
  let nodes: unknown;
  try {
    nodes = parser.parse(xml, true);
  } catch (error) {
    throw new XmlReadError(`not well-formed XML: ${(error as Error).message}`);
  }
  const roots = elementsOf(nodes, new Map([['xml', XML_NAMESPACE]]));
  const [root, ...more] = roots;
  if (!root || more.length > 0) throw new XmlReadError(`expected one root element, found ${roots.length}`);
  return root;
}

function elementsOf(nodes: unknown, scope: ReadonlyMap<string, string>): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  const elements: XmlElement[] = [];
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    const tag = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (tag !== undefined) elements.push(element(tag, node[tag], node[':@'], scope));
  }
  return elements;
}

function element(tag: string, content: unknown, rawAttributes: unknown, outer: ReadonlyMap<string, string>) {
  const attributes: Record<string, string> = {};
  if (isRecord(rawAttributes))
    for (const [name, value] of Object.entries(rawAttributes))
      if (typeof value === 'string') attributes[name] = decodeXmlText(value);
  const scope = new Map(outer);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice('xmlns:'.length), value);
  }
  const { prefix, local } = splitQName(tag);
  const namespace = scope.get(prefix);
  if (prefix !== '' && namespace === undefined)
    throw new XmlReadError(`unbound prefix "${prefix}" on <${tag}>`);
  const text = Array.isArray(content)
    ? content
        .map((node) => (isRecord(node) && typeof node['#text'] === 'string' ? node['#text'] : ''))
        .join('')
    : '';
  return {
    namespace: namespace ?? '',
    name: local,
    attributes,
    children: elementsOf(content, scope),
    text: decodeXmlText(text).trim(),
    scope,
  } satisfies XmlElement;
}

function splitQName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  return colon < 0
    ? { prefix: '', local: qname }
    : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

/** The children of `parent` with this namespace and local name. */
export const childrenNamed = (parent: XmlElement, namespace: string, name: string): XmlElement[] =>
  parent.children.filter((child) => child.namespace === namespace && child.name === name);

/** The one child with this namespace and name; undefined when there is none or more than one. */
export function childNamed(parent: XmlElement, namespace: string, name: string): XmlElement | undefined {
  const found = childrenNamed(parent, namespace, name);
  return found.length === 1 ? found[0] : undefined;
}

/** A QName value (`dn:NetworkVideoTransmitter`) resolved in the scope of the element that holds it. */
export function resolveQName(
  value: string,
  scope: ReadonlyMap<string, string>,
): { namespace: string; name: string } | undefined {
  const { prefix, local } = splitQName(value);
  const namespace = scope.get(prefix);
  if (namespace === undefined || local === '' || local.includes(':')) return undefined;
  return { namespace, name: local };
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references; nothing a document declares. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}
