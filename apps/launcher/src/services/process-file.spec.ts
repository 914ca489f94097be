import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessFile } from './process-file';

const alive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('ProcessFile: what a crashed start left running is stopped by the next', () => {
  let dir = '';
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'process-file-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('stops recorded process groups that are still alive, and forgets them', async () => {
    const leftover = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      detached: true,
      stdio: 'ignore',
    });
    const gone = new Promise((done) => leftover.once('exit', done));
    const earlier = new ProcessFile(dir);
    await earlier.record('ledger', leftover.pid);
    await earlier.record('postgres', 2 ** 22 + 12345); // no such group: skipped

    const stopped = await new ProcessFile(dir).stopLeftovers();
    await gone;

    expect(stopped).toEqual(['ledger']);
    expect(alive(leftover.pid ?? 0)).toBe(false);
    expect(existsSync(join(dir, 'processes.json'))).toBe(false);
  });

  it('has nothing to stop after a clean stop', async () => {
    const file = new ProcessFile(dir);
    await file.record('ledger', process.pid);
    await file.clear();
    expect(await new ProcessFile(dir).stopLeftovers()).toEqual([]);
  });
});
