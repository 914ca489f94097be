import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkedCopy } from './runtime-tree';
import { type Service } from './services';

export interface Verified {
  readonly ms: number;
  readonly output: string;
}

const GUARD = join(__dirname, '..', 'runtime-guard.cjs');

/** Runs `node <args>` in `cwd` with exactly `env`; resolves with its exit code and output. */
export function runNode(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, output }));
  });
}

/**
 * The proof that a service's runtime tree needs nothing else: a copy of it in a fresh folder
 * outside the repository (so no parent `node_modules` can lend a package), where `tsx` and
 * `typescript` must not resolve, runs `node main.js --check` (every module loaded, the native
 * parts probed, plate-recognition's models verified and run) with the development toolchain
 * refused by name. `env` adds what the check reads (`LPR_MODEL_DIR`, `FFMPEG_PATH`).
 */
export async function verifyRuntimeTree(
  service: Service,
  tree: string,
  env: Readonly<Record<string, string>>,
): Promise<Verified> {
  const stage = await mkdtemp(join(tmpdir(), `ecogate-${service}-`));
  try {
    const copy = join(stage, service);
    await linkedCopy(tree, copy);
    const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? stage };
    for (const devOnly of ['tsx', 'typescript']) {
      const probe = await runNode(['-e', `require.resolve(${JSON.stringify(devOnly)})`], copy, base);
      if (probe.code === 0)
        throw new Error(
          `${copy}: ${devOnly} can be resolved from the staging folder, the check would prove nothing`,
        );
    }
    const started = Date.now();
    const run = await runNode(['--require', GUARD, 'main.js', '--check'], copy, { ...base, ...env });
    if (run.code !== 0)
      throw new Error(`${service}: node main.js --check exited ${run.code}:\n${run.output}`);
    return { ms: Date.now() - started, output: run.output.trim() };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
