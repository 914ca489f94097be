import { builtinModules } from 'node:module';

// What a service's build needs from npm at run time, and exactly which installed packages that is:
// derived from the bundle's own imports and the repository's package-lock.json (one source of
// versions), so an image holds the versions CI tested and nothing else.

/** One entry of package-lock.json's `packages` (lockfileVersion 3). */
export interface LockEntry {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly devOptional?: boolean;
  readonly peer?: boolean;
  readonly link?: boolean;
  readonly [field: string]: unknown;
}

export interface PackageLock {
  readonly name: string;
  readonly version: string;
  readonly lockfileVersion: number;
  readonly requires?: boolean;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/** How the bundle refers to a package (esbuild's metafile `kind`). */
export type ImportKind = 'require-call' | 'require-resolve' | 'dynamic-import' | 'import-statement';

export interface ExternalImport {
  readonly path: string;
  readonly kind: ImportKind | string;
}

export class RuntimeDependencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeDependencyError';
  }
}

const BUILTINS = new Set(builtinModules);

/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`; undefined for Node's own modules. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] ?? '')) return undefined;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) {
    if (parts.length < 2 || !parts[1]) throw new RuntimeDependencyError(`not a package name: ${specifier}`);
    return `${parts[0]}/${parts[1]}`;
  }
  return parts[0];
}

/**
 * The npm packages a bundle loads, from its external imports. A package the source reaches only
 * as `require.resolve` from a branch that never runs in the build (a TypeScript worker started
 * through tsx when run from source) is allowed only if `devOnly` names it; any other import of a
 * package that `dependencies` does not list fails the build, naming it.
 */
export function runtimePackages(
  imports: readonly ExternalImport[],
  dependencies: Readonly<Record<string, string>>,
  devOnly: ReadonlySet<string>,
): string[] {
  const found = new Set<string>();
  const problems: string[] = [];
  for (const { path, kind } of imports) {
    const name = packageNameOf(path);
    if (!name) continue;
    if (devOnly.has(path) && kind === 'require-resolve') continue;
    if (dependencies[name] === undefined)
      problems.push(`${path} (${kind}): ${name} is not in package.json's dependencies`);
    else found.add(name);
  }
  if (problems.length > 0)
    throw new RuntimeDependencyError(
      `the bundle needs packages it may not have at run time:\n  ${problems.join('\n  ')}`,
    );
  return [...found].sort();
}

/** Where Node finds `name` from the package installed at `from` ('' = the project itself). */
export function resolveInLock(lock: PackageLock, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('node_modules/');
    base = cut <= 0 ? '' : base.slice(0, cut - 1);
  }
}

/**
 * The installed packages (lock paths) that `roots` need, following dependencies, non-optional
 * peers and optional dependencies the way Node resolves them; `true` when reached only through
 * optional edges (e.g. another platform's prebuilt binary).
 */
export function productionClosure(lock: PackageLock, roots: readonly string[]): Map<string, boolean> {
  const optionalOnly = new Map<string, boolean>();
  const queue: { path: string; optional: boolean }[] = [];
  const visit = (from: string, name: string, optional: boolean): void => {
    const path = resolveInLock(lock, from, name);
    if (!path) {
      if (optional) return;
      throw new RuntimeDependencyError(
        `${from || 'the service'} needs ${name}, which package-lock.json does not hold`,
      );
    }
    const seen = optionalOnly.get(path);
    if (seen === undefined || (seen && !optional)) {
      optionalOnly.set(path, optional);
      queue.push({ path, optional });
    }
  };
  for (const root of roots) visit('', root, false);
  while (queue.length > 0) {
    const { path, optional } = queue.shift() as { path: string; optional: boolean };
    const entry = lock.packages[path] as LockEntry;
    for (const name of Object.keys(entry.dependencies ?? {})) visit(path, name, optional);
    for (const name of Object.keys(entry.optionalDependencies ?? {})) visit(path, name, true);
    for (const name of Object.keys(entry.peerDependencies ?? {}))
      if (!entry.peerDependenciesMeta?.[name]?.optional) visit(path, name, optional);
  }
  return optionalOnly;
}

export interface RuntimeManifest {
  readonly packageJson: Record<string, unknown>;
  readonly packageLock: PackageLock;
  /** Lock paths of the installed packages, with whether each is optional. */
  readonly closure: ReadonlyMap<string, boolean>;
}

/**
 * A service's own package.json (its npm packages at the versions the repository locks) and the
 * matching package-lock.json: the repository's entries for exactly those packages and what they
 * need, so `npm ci --omit=dev` there installs the tree CI tested.
 */
export function runtimeManifest(
  service: string,
  lock: PackageLock,
  packages: readonly string[],
  engines: Readonly<Record<string, string>>,
): RuntimeManifest {
  const dependencies: Record<string, string> = {};
  for (const name of packages) {
    const version = lock.packages[`node_modules/${name}`]?.version;
    if (!version) throw new RuntimeDependencyError(`${name}: no version in package-lock.json`);
    dependencies[name] = version;
  }
  const closure = productionClosure(lock, packages);
  const name = `@ecogate/${service}`;
  const root: LockEntry = { name, version: lock.version, license: 'UNLICENSED', dependencies, engines };
  const entries: Record<string, LockEntry> = { '': root };
  for (const path of [...closure.keys()].sort()) {
    const {
      dev: _dev,
      devOptional: _devOptional,
      optional: _optional,
      peer: _peer,
      ...entry
    } = lock.packages[path] as LockEntry;
    entries[path] = closure.get(path) ? { ...entry, optional: true } : entry;
  }
  return {
    packageJson: {
      name,
      version: lock.version,
      private: true,
      description: `Ecogate ${service}: the production build (node main.js)`,
      license: 'UNLICENSED',
      engines,
      main: 'main.js',
      dependencies,
    },
    packageLock: {
      name,
      version: lock.version,
      lockfileVersion: lock.lockfileVersion,
      requires: true,
      packages: entries,
    },
    closure,
  };
}
