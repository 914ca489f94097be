// One description of a chart's values gives both its documented values.yaml (`## @param` lines,
// bitnami readme-generator style) and its strict values.schema.json, so the two cannot drift.

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonSchema = { readonly [key: string]: Json };

/** One value: its dotted path, what it means, its default and the JSON schema of that default. */
export interface Param {
  readonly path: string;
  readonly description: string;
  readonly value: Json;
  readonly schema: JsonSchema;
}

/**
 * A setting that values.yaml leaves unset (`## @extra`): the schema knows it, the default is the
 * application's own. E.g. the optional environment variables under `config`.
 */
export interface Extra {
  readonly path: string;
  readonly description: string;
  readonly schema: JsonSchema;
}

export interface Section {
  readonly title: string;
  readonly params: readonly Param[];
  readonly extras?: readonly Extra[];
}

export interface ValuesSpec {
  /** Top-line comment of values.yaml. */
  readonly header: string;
  readonly sections: readonly Section[];
  /** Object paths whose schema also admits keys it does not describe (`global` of a subchart). */
  readonly open?: readonly string[];
  /** Top-level keys Helm itself puts in the values (a dependency's name), allowed but not documented. */
  readonly implicit?: Readonly<Record<string, JsonSchema>>;
}

export class ValuesSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesSpecError';
  }
}

export const param = (path: string, description: string, value: Json, schema: JsonSchema): Param => ({
  path,
  description,
  value,
  schema,
});

export const extra = (path: string, description: string, schema: JsonSchema): Extra => ({
  path,
  description,
  schema,
});

// Leaf schemas used across the charts.
export const str = (more: JsonSchema = {}): JsonSchema => ({ type: 'string', ...more });
export const int = (more: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...more });
export const bool: JsonSchema = { type: 'boolean' };
export const strList = (more: JsonSchema = {}): JsonSchema => ({ type: 'array', items: str(more) });
/** A free-form map of strings (annotations, labels, node selectors). */
export const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
/** Kubernetes objects passed through as they are (tolerations, NetworkPolicy peers). */
export const objectList: JsonSchema = { type: 'array', items: { type: 'object' } };
/** An environment variable's value: a ConfigMap holds strings, numbers and booleans are quoted. */
export const envValue = (more: JsonSchema = {}): JsonSchema => ({
  type: ['string', 'integer', 'boolean'],
  ...more,
});

interface Node {
  readonly children: Map<string, Node>;
  leaf?: { readonly schema: JsonSchema; readonly required: boolean };
  value?: Json;
  hasValue: boolean;
}

const newNode = (): Node => ({ children: new Map(), hasValue: false });

function insert(root: Node, path: string, make: (node: Node) => void): void {
  const keys = path.split('.');
  let node = root;
  for (const key of keys) {
    if (node.leaf) throw new ValuesSpecError(`${path}: a parent is already a value`);
    let child = node.children.get(key);
    if (!child) {
      child = newNode();
      node.children.set(key, child);
    }
    node = child;
  }
  if (node.leaf || node.children.size > 0) throw new ValuesSpecError(`${path}: described twice`);
  make(node);
}

function tree(spec: ValuesSpec): Node {
  const root = newNode();
  for (const section of spec.sections) {
    for (const p of section.params) {
      insert(root, p.path, (node) => {
        node.leaf = { schema: p.schema, required: true };
        node.value = p.value;
        node.hasValue = true;
      });
    }
    for (const e of section.extras ?? []) {
      insert(root, e.path, (node) => {
        node.leaf = { schema: e.schema, required: false };
      });
    }
  }
  return root;
}

function schemaOf(node: Node, path: string, open: ReadonlySet<string>): JsonSchema {
  if (node.leaf) return node.leaf.schema;
  const properties: Record<string, Json> = {};
  const required: string[] = [];
  for (const [key, child] of node.children) {
    const childPath = path ? `${path}.${key}` : key;
    properties[key] = schemaOf(child, childPath, open);
    if (isRequired(child)) required.push(key);
  }
  return {
    type: 'object',
    additionalProperties: open.has(path),
    ...(required.length > 0 ? { required } : {}),
    properties,
  };
}

/** An object is required when something in it is; a leaf when values.yaml sets it. */
function isRequired(node: Node): boolean {
  if (node.leaf) return node.leaf.required;
  return [...node.children.values()].some(isRequired);
}

/** The draft-07 schema of the values: every described object closed, every default required. */
export function valuesSchema(spec: ValuesSpec, title: string): JsonSchema {
  const root = schemaOf(tree(spec), '', new Set(spec.open ?? [])) as { properties: Record<string, Json> };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    ...root,
    properties: { ...root.properties, ...spec.implicit },
  };
}

/** The defaults as one object (what values.yaml parses to). */
export function valuesObject(spec: ValuesSpec): { [key: string]: Json } {
  const build = (node: Node): Json => {
    if (node.leaf) return node.value ?? null;
    const out: Record<string, Json> = {};
    for (const [key, child] of node.children) if (hasAnyValue(child)) out[key] = build(child);
    return out;
  };
  return build(tree(spec)) as { [key: string]: Json };
}

function hasAnyValue(node: Node): boolean {
  if (node.leaf) return node.hasValue;
  return [...node.children.values()].some(hasAnyValue);
}

/** values.yaml: per section the `@section` line, then each top-level key's `@param`s above it. */
export function valuesYaml(spec: ValuesSpec): string {
  const values = valuesObject(spec);
  const owner = new Map<string, string>();
  const lines: string[] = spec.header.split('\n').map((line) => `# ${line}`.trimEnd());
  for (const section of spec.sections) {
    lines.push('', `## @section ${section.title}`);
    const docs = [
      ...section.params.map((p) => ({ tag: 'param', path: p.path, description: p.description })),
      ...(section.extras ?? []).map((e) => ({ tag: 'extra', path: e.path, description: e.description })),
    ];
    const tops = [...new Set(docs.map((d) => d.path.split('.')[0] ?? d.path))];
    for (const top of tops) {
      const previous = owner.get(top);
      if (previous !== undefined && previous !== section.title)
        throw new ValuesSpecError(`${top}: described in sections "${previous}" and "${section.title}"`);
      owner.set(top, section.title);
      lines.push('');
      for (const d of docs.filter((doc) => (doc.path.split('.')[0] ?? doc.path) === top))
        lines.push(`## @${d.tag} ${d.path} ${d.description}`);
      const value = values[top];
      lines.push(...yamlEntry(top, value === undefined ? {} : value, 0));
    }
  }
  return `${lines.join('\n')}\n`;
}

function scalar(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

const isMap = (value: Json): value is { readonly [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function yamlKey(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : JSON.stringify(key);
}

/** Comment lines to put above the key at a dotted path, if any. */
export type CommentOf = (path: string) => string | undefined;

function yamlEntry(key: string, value: Json, indent: number, path = key, comment?: CommentOf): string[] {
  const pad = ' '.repeat(indent);
  const above =
    comment?.(path)
      ?.split('\n')
      .map((line) => `${pad}# ${line}`) ?? [];
  if (isMap(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [...above, `${pad}${yamlKey(key)}: {}`];
    return [
      ...above,
      `${pad}${yamlKey(key)}:`,
      ...entries.flatMap(([k, v]) => yamlEntry(k, v, indent + 2, `${path}.${k}`, comment)),
    ];
  }
  if (Array.isArray(value)) {
    const items = value as readonly Json[];
    if (items.length === 0) return [...above, `${pad}${yamlKey(key)}: []`];
    return [...above, `${pad}${yamlKey(key)}:`, ...items.flatMap((item) => yamlItem(item, indent + 2))];
  }
  return [...above, `${pad}${yamlKey(key)}: ${scalar(value)}`];
}

/** A YAML document of plain values, each key optionally with a comment above it. */
export function yamlDocument(values: { readonly [key: string]: Json }, comment?: CommentOf): string {
  return `${Object.entries(values)
    .flatMap(([key, value]) => ['', ...yamlEntry(key, value, 0, key, comment)])
    .join('\n')
    .trimStart()}\n`;
}

function yamlItem(item: Json, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (isMap(item) && Object.keys(item).length > 0) {
    const [first, ...rest] = Object.entries(item).flatMap(([k, v]) => yamlEntry(k, v, indent + 2));
    return [`${pad}- ${(first ?? '').trimStart()}`, ...rest];
  }
  if (Array.isArray(item)) throw new ValuesSpecError('lists of lists are not used in values');
  return [`${pad}- ${isMap(item) ? '{}' : scalar(item)}`];
}
