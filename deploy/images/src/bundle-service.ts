import { cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import {
  type PackageLock,
  runtimeManifest,
  runtimePackages,
  type ExternalImport,
} from './runtime-dependencies';
import { CONSOLE_FOLDER, DEV_ONLY_REFERENCES, entryPoints, type Service } from './services';

export interface RootPackage {
  readonly version: string;
  readonly engines: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
}

export interface BuiltService {
  readonly service: Service;
  readonly dir: string;
  /** Bytes of JavaScript (source maps not counted). */
  readonly jsBytes: number;
  /** The npm packages it imports (its package.json's dependencies). */
  readonly packages: readonly string[];
  /** Installed packages those need, transitively. */
  readonly closureSize: number;
  readonly ms: number;
}

/**
 * One service's production build in `<outDir>/<service>/`: `main.js` (and its worker threads) with
 * the repository's own code (`@ecogate/*` libs included) bundled, npm packages left to
 * `node_modules`, and a package.json + package-lock.json naming exactly those packages at the
 * locked versions. Legacy decorators as in tsconfig; no decorator metadata (as under tsx, which
 * is why every Nest constructor parameter has its `@Inject`); class names kept (TypeORM and Nest
 * read them, e.g. a migration's timestamp).
 */
export async function bundleService(
  service: Service,
  options: {
    readonly root: string;
    readonly outDir: string;
    readonly rootPackage: RootPackage;
    readonly lock: PackageLock;
  },
): Promise<BuiltService> {
  const started = Date.now();
  const dir = join(options.outDir, service);
  await rm(dir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: options.root,
    entryPoints: entryPoints(service),
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig: join(options.root, 'apps', service, 'tsconfig.json'),
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [npmPackagesStayExternal],
  });
  const packages = runtimePackages(
    externalImports(result.metafile),
    options.rootPackage.dependencies,
    DEV_ONLY_REFERENCES,
  );
  const manifest = runtimeManifest(service, options.lock, packages, options.rootPackage.engines);
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest.packageJson, null, 2)}\n`);
  await writeFile(join(dir, 'package-lock.json'), `${JSON.stringify(manifest.packageLock, null, 2)}\n`);
  if (service === 'gateway') await copyConsole(options.root, join(dir, CONSOLE_FOLDER));
  const jsBytes = (
    await Promise.all(
      Object.keys(result.metafile.outputs)
        .filter((f) => f.endsWith('.js'))
        .map((f) => stat(join(options.root, f))),
    )
  ).reduce((sum, info) => sum + info.size, 0);
  return { service, dir, jsBytes, packages, closureSize: manifest.closure.size, ms: Date.now() - started };
}

/** Everything imported by a bare name, except the repository's own libs (bundled), is an npm package. */
const npmPackagesStayExternal: Plugin = {
  name: 'npm-packages-stay-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@ecogate/') ? undefined : { external: true },
    );
  },
};

/** The imports the outputs kept (after tree shaking), with how they are loaded. */
export function externalImports(metafile: Metafile): ExternalImport[] {
  return Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((i) => i.external).map((i) => ({ path: i.path, kind: i.kind })),
  );
}

/** The console's pages (Vite's `apps/console/dist`), without source maps: the gateway serves the folder to anyone. */
async function copyConsole(root: string, target: string): Promise<void> {
  const source = join(root, 'apps', 'console', 'dist');
  const index = join(source, 'index.html');
  if (!(await stat(index).catch(() => undefined)))
    throw new Error(`${index} is missing: the console must be built first`);
  await mkdir(target, { recursive: true });
  await cp(source, target, { recursive: true, filter: (path) => !path.endsWith('.map') });
}
