import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type PackageLock } from './runtime-dependencies';

const run = promisify(execFile);

/**
 * Packages that ship a prebuilt binary for every platform in one tarball, by the folder that holds
 * one `<os>/<arch>` per platform: only the target's is kept (onnxruntime-node: 288 MB for all, 45
 * MB for linux-x64).
 */
const PER_PLATFORM_BINARIES: Readonly<Record<string, string>> = {
  'node_modules/onnxruntime-node': 'bin/napi-v6',
};

export interface Target {
  readonly platform: string;
  readonly arch: string;
}

export interface RuntimeTree {
  readonly dir: string;
  readonly packages: number;
  readonly bytes: number;
}

/**
 * A service's runtime tree: its build (`main.js`, package.json, package-lock.json…) and, under
 * `node_modules`, exactly the packages its package-lock.json names, taken from the repository's
 * installed `node_modules` (the very files CI tested; no network). Another platform's optional
 * binaries are not installed there and are skipped; a missing required package fails. Files are
 * hard links (`cp -al`, GNU coreutils: the build runs on Linux, in CI and in the image's build
 * stage): tens of thousands of files in seconds, and no space.
 */
export async function assembleRuntimeTree(
  build: string,
  target: string,
  options: { readonly root: string; readonly platform: Target },
): Promise<RuntimeTree> {
  await rm(target, { recursive: true, force: true });
  await cp(build, target, { recursive: true });
  const lock = JSON.parse(await readFile(join(build, 'package-lock.json'), 'utf8')) as PackageLock;
  const installed: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') continue;
    if (existsSync(join(options.root, path))) installed.push(path);
    else if (!entry.optional) throw new Error(`${path} is needed at run time but not installed: run npm ci`);
  }
  const wanted = new Set(installed);
  // Nested packages come with their parent's folder; what the service does not need goes after.
  const outermost = installed.filter((path) => !installed.some((other) => path.startsWith(`${other}/`)));
  if (outermost.length > 0)
    await run('cp', ['-al', '--parents', '-t', target, ...outermost], { cwd: options.root });
  for (const path of installed) await pruneNested(target, path, wanted);
  for (const [path, folder] of Object.entries(PER_PLATFORM_BINARIES))
    if (wanted.has(path)) await keepOnlyTarget(join(target, path, folder), options.platform);
  return { dir: target, packages: installed.length, bytes: await diskUsage(target) };
}

/** Removes the packages under `<path>/node_modules` that the service does not need. */
async function pruneNested(tree: string, path: string, wanted: ReadonlySet<string>): Promise<void> {
  const nested = join(tree, path, 'node_modules');
  if (!existsSync(nested)) return;
  for (const name of await packageNames(nested)) {
    const child = `${path}/node_modules/${name}`;
    if (!wanted.has(child)) await rm(join(tree, child), { recursive: true, force: true });
  }
  if ((await readdir(nested)).every((entry) => entry === '.bin'))
    await rm(nested, { recursive: true, force: true });
}

/** Package folder names in a node_modules folder (`@scope/name` for scoped ones). */
async function packageNames(nodeModules: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(nodeModules)) {
    if (entry === '.bin' || entry.startsWith('.')) continue;
    if (entry.startsWith('@'))
      for (const scoped of await readdir(join(nodeModules, entry))) names.push(`${entry}/${scoped}`);
    else names.push(entry);
  }
  return names;
}

/** In `<folder>/<os>/<arch>`, removes every other platform's binaries. */
export async function keepOnlyTarget(folder: string, target: Target): Promise<void> {
  if (!existsSync(folder)) return;
  for (const os of await readdir(folder)) {
    if (os !== target.platform) {
      await rm(join(folder, os), { recursive: true, force: true });
      continue;
    }
    for (const arch of await readdir(join(folder, os)))
      if (arch !== target.arch) await rm(join(folder, os, arch), { recursive: true, force: true });
  }
}

/** Bytes the files take (hard links counted once per tree, as in an image layer). */
export async function diskUsage(path: string): Promise<number> {
  const { stdout } = await run('du', ['-sb', path]);
  return Number(stdout.split('\t')[0]);
}

/** A hard-linked copy of `source` at `target` (for a check in a folder of its own). */
export async function linkedCopy(source: string, target: string): Promise<void> {
  await run('cp', ['-al', source, target]);
}
