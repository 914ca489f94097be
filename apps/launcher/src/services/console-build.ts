import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './child';

const CONSOLE = join(REPO_ROOT, 'apps', 'console');
/** What the gateway serves (`CONSOLE_DIR`): Vite's output of apps/console. */
export const CONSOLE_DIST = join(CONSOLE, 'dist');

async function newest(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newest(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** The build is missing or older than a source file of the console. */
export async function consoleBuildStale(consoleDir = CONSOLE): Promise<boolean> {
  const built = join(consoleDir, 'dist', 'index.html');
  if (!existsSync(built)) return true;
  const sources = await Promise.all(
    ['src', 'index.html', 'vite.config.mts'].map((entry) => newest(join(consoleDir, entry))),
  );
  return Math.max(...sources) > (await stat(built)).mtimeMs;
}

/**
 * Builds the console with Vite when its build is missing or stale (a fresh clone, a pull), so
 * `npm start` serves the pages its sources describe. Node.js runs Vite's own entry: no npx, no PATH.
 */
export function buildConsole(): Promise<void> {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', join(CONSOLE, 'vite.config.mts'), '--logLevel', 'warn'],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: process.env },
    );
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the console's build failed (exit ${code}):\n${errors}`)),
    );
  });
}
