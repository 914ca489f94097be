import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type BuiltService, bundleService, type RootPackage } from './bundle-service';
import { type PackageLock } from './runtime-dependencies';
import { servicesFrom } from './services';

// `npm run build:services [-- <service>…]`: the production build of every service (or those
// named) into dist/services/<service>/: JavaScript run by `node main.js`, no tsx or TypeScript.
// The gateway's carries the console, built first by Vite (`npm run build:console`).

export const REPO_ROOT = resolve(__dirname, '../../..');
export const SERVICES_DIST = join(REPO_ROOT, 'dist', 'services');

function buildConsole(): Promise<void> {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn'],
      {
        cwd: REPO_ROOT,
        stdio: 'inherit',
      },
    );
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`the console's build failed (exit ${code})`)),
    );
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

export function buildTable(built: readonly BuiltService[]): string {
  const rows = built.map((b) =>
    [
      b.service.padEnd(18),
      kib(b.jsBytes).padStart(9),
      String(b.packages.length).padStart(9),
      String(b.closureSize).padStart(9),
      `${b.ms} ms`.padStart(8),
    ].join('  '),
  );
  return [
    [
      'service'.padEnd(18),
      'JS'.padStart(9),
      'npm deps'.padStart(9),
      'installed'.padStart(9),
      'time'.padStart(8),
    ].join('  '),
    ...rows,
  ].join('\n');
}

export async function buildServices(names: readonly string[]): Promise<BuiltService[]> {
  const services = servicesFrom(names);
  const rootPackage = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as RootPackage;
  const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as PackageLock;
  if (services.includes('gateway')) await buildConsole();
  const built: BuiltService[] = [];
  // One at a time: esbuild is fast, and the machine may be running tests beside.
  for (const service of services)
    built.push(await bundleService(service, { root: REPO_ROOT, outDir: SERVICES_DIST, rootPackage, lock }));
  return built;
}

if (require.main === module) {
  buildServices(process.argv.slice(2)).then(
    (built) => console.log(`${buildTable(built)}\n→ ${SERVICES_DIST}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
