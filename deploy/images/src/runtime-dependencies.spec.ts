import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type PackageLock,
  packageNameOf,
  productionClosure,
  resolveInLock,
  RuntimeDependencyError,
  runtimeManifest,
  runtimePackages,
} from './runtime-dependencies';

// A lock shaped like npm's: a hoisted tree, one nested copy, a platform binary as an optional
// dependency, an optional and a required peer, dev-only tools.
const lock: PackageLock = {
  name: '@ecogate/source',
  version: '0.1.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': {
      name: '@ecogate/source',
      version: '0.1.0',
      dependencies: { app: '1.0.0' },
      devDependencies: { tsx: '4' },
    },
    'node_modules/app': {
      version: '1.0.0',
      dependencies: { lib: '^2.0.0', old: '^1.0.0' },
      optionalDependencies: { 'app-linux-x64': '1.0.0', 'app-darwin-arm64': '1.0.0' },
      peerDependencies: { peer: '*', 'types-only': '*' },
      peerDependenciesMeta: { 'types-only': { optional: true } },
    },
    'node_modules/app-linux-x64': { version: '1.0.0', optional: true, os: ['linux'], cpu: ['x64'] },
    'node_modules/app-darwin-arm64': { version: '1.0.0', optional: true, os: ['darwin'], cpu: ['arm64'] },
    'node_modules/lib': { version: '2.1.0', dependencies: { shared: '^1.0.0' } },
    'node_modules/old': { version: '1.0.0', dependencies: { lib: '^1.0.0' } },
    'node_modules/old/node_modules/lib': { version: '1.9.0' },
    'node_modules/shared': { version: '1.2.0', dev: false },
    'node_modules/peer': { version: '3.0.0', peer: true },
    'node_modules/types-only': { version: '1.0.0', dev: true },
    'node_modules/tsx': { version: '4.0.0', dev: true, dependencies: { esbuild: '*' } },
    'node_modules/esbuild': { version: '0.28.2', dev: true },
    'node_modules/@scope/thing': { version: '5.0.0', devOptional: true },
  },
};

describe('packageNameOf', () => {
  it('names the package of a specifier, and nothing for Node itself', () => {
    expect(packageNameOf('@nestjs/common/constants')).toBe('@nestjs/common');
    expect(packageNameOf('tsx/cjs/api')).toBe('tsx');
    expect(packageNameOf('sharp')).toBe('sharp');
    expect(packageNameOf('node:fs')).toBeUndefined();
    expect(packageNameOf('fs/promises')).toBeUndefined();
    expect(() => packageNameOf('@scope')).toThrow(RuntimeDependencyError);
  });
});

describe('runtimePackages', () => {
  const dependencies = { app: '1.0.0', '@scope/thing': '5.0.0' };

  it("keeps the bundle's npm packages, once each, sorted", () => {
    const imports = [
      { path: 'app', kind: 'require-call' },
      { path: '@scope/thing/sub', kind: 'require-call' },
      { path: 'app/extra', kind: 'require-resolve' },
      { path: 'node:path', kind: 'require-call' },
    ];
    expect(runtimePackages(imports, dependencies, new Set())).toEqual(['@scope/thing', 'app']);
  });

  it('refuses a package that dependencies does not list, naming each', () => {
    const imports = [
      { path: 'express', kind: 'require-call' },
      { path: 'tsx/cjs', kind: 'require-call' },
    ];
    expect(() => runtimePackages(imports, dependencies, new Set(['tsx/cjs']))).toThrow(
      /express \(require-call\): express is not in package.json's dependencies\n {2}tsx\/cjs \(require-call\)/,
    );
  });

  it('lets a named development-only reference through only as a require.resolve', () => {
    const imports = [{ path: 'tsx/cjs', kind: 'require-resolve' }];
    expect(runtimePackages(imports, dependencies, new Set(['tsx/cjs']))).toEqual([]);
    expect(() => runtimePackages(imports, dependencies, new Set())).toThrow(RuntimeDependencyError);
  });
});

describe('resolveInLock', () => {
  it("finds a package as Node does: the package's own node_modules first, then the folders above", () => {
    expect(resolveInLock(lock, 'node_modules/old', 'lib')).toBe('node_modules/old/node_modules/lib');
    expect(resolveInLock(lock, 'node_modules/app', 'lib')).toBe('node_modules/lib');
    expect(resolveInLock(lock, 'node_modules/old/node_modules/lib', 'shared')).toBe('node_modules/shared');
    expect(resolveInLock(lock, '', 'app')).toBe('node_modules/app');
    expect(resolveInLock(lock, 'node_modules/app', 'missing')).toBeUndefined();
  });
});

describe('productionClosure', () => {
  it('follows dependencies, required peers and optional dependencies, never development tools', () => {
    const closure = productionClosure(lock, ['app']);
    expect(Object.fromEntries([...closure].sort(([a], [b]) => a.localeCompare(b)))).toEqual({
      'node_modules/app': false,
      'node_modules/app-darwin-arm64': true,
      'node_modules/app-linux-x64': true,
      'node_modules/lib': false,
      'node_modules/old': false,
      'node_modules/old/node_modules/lib': false,
      'node_modules/peer': false,
      'node_modules/shared': false,
    });
  });

  it('fails on a required package the lock does not hold', () => {
    const broken: PackageLock = {
      ...lock,
      packages: { ...lock.packages, 'node_modules/lib': { version: '2.1.0', dependencies: { gone: '1' } } },
    };
    expect(() => productionClosure(broken, ['app'])).toThrow(/node_modules\/lib needs gone/);
  });
});

describe('runtimeManifest', () => {
  const manifest = runtimeManifest('ledger', lock, ['app'], { node: '>=20.19' });

  it('names the packages at their locked versions', () => {
    expect(manifest.packageJson).toMatchObject({
      name: '@ecogate/ledger',
      version: '0.1.0',
      private: true,
      main: 'main.js',
      engines: { node: '>=20.19' },
      dependencies: { app: '1.0.0' },
    });
  });

  it("writes a lock of the closure alone, with npm's flags for a production install", () => {
    const { packages } = manifest.packageLock;
    expect(packages['']).toMatchObject({ name: '@ecogate/ledger', dependencies: { app: '1.0.0' } });
    expect(Object.keys(packages)).not.toContain('node_modules/tsx');
    expect(packages['node_modules/peer']).toEqual({ version: '3.0.0' });
    expect(packages['node_modules/app-linux-x64']).toMatchObject({ optional: true, os: ['linux'] });
    expect(packages['node_modules/shared']).toEqual({ version: '1.2.0' });
  });

  it("holds the repository's own lock: every package the services need is locked", () => {
    const root = join(__dirname, '..', '..', '..');
    const real = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as PackageLock;
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const { packageJson, closure } = runtimeManifest('all', real, Object.keys(dependencies), {});
    expect(packageJson['dependencies']).toEqual(dependencies);
    expect([...closure.keys()].every((path) => real.packages[path]?.dev !== true)).toBe(true);
  });
});
