import { existsSync } from 'node:fs';
import { mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StartedMachine } from '../src/testing/started-machine';

// The CI step of issue #14: `npm start` from the clone with a PATH that holds only Node.js (node,
// npm, npx: no Java, Go, Maven or PostgreSQL binaries reachable), until the first demo passage is
// visible through the public API; then Ctrl-C, which must stop everything cleanly.
const PORTS = { ECOGATE_PORT: '18080', ECOGATE_CAMERA_PORT: '18082', ECOGATE_POSTGRES_PORT: '15433' };

async function nodeOnlyPath(dir: string): Promise<string> {
  const bin = dirname(await realpath(process.execPath));
  for (const tool of ['node', 'npm', 'npx']) {
    const target = join(bin, tool);
    if (!existsSync(target)) throw new Error(`${tool} is not next to ${process.execPath}`);
    await symlink(tool === 'node' ? process.execPath : target, join(dir, tool));
  }
  return dir;
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'ecogate-node-only-'));
  const path = await nodeOnlyPath(await mkdtemp(join(tmpdir(), 'ecogate-path-')));
  const home = join(work, 'home');
  const machine = new StartedMachine({ home, viaNpm: true, env: { PATH: path, ...PORTS } });
  try {
    const ready = await machine.ready();
    const session = await machine.session('enterprise-admin', Number(PORTS.ECOGATE_PORT));
    const first = await machine.firstPassage(session);
    console.log(
      `npm start with PATH=${path} (node, npm, npx only): ready in ${ready.toFixed(1)} s, first demo passage after ${first.toFixed(1)} s`,
    );
    const code = await machine.interrupt();
    if (code !== 0) throw new Error(`Ctrl-C: exit ${code}\n${machine.output()}`);
    if (existsSync(join(home, 'run', 'processes.json')))
      throw new Error('Ctrl-C left processes recorded as running');
    console.log('Ctrl-C: every process stopped, exit 0');
  } catch (error) {
    await machine.powerCut();
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(path, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
