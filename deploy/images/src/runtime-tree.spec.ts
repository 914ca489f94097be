import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepOnlyTarget } from './runtime-tree';

describe('keepOnlyTarget', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runtime-tree-'));
    for (const platform of ['linux/x64', 'linux/arm64', 'darwin/arm64', 'win32/x64']) {
      await mkdir(join(dir, platform), { recursive: true });
      await writeFile(join(dir, platform, 'binding.node'), platform);
    }
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("keeps only the target's binaries", async () => {
    await keepOnlyTarget(dir, { platform: 'linux', arch: 'arm64' });
    expect(await readdir(dir)).toEqual(['linux']);
    expect(await readdir(join(dir, 'linux'))).toEqual(['arm64']);
  });

  it('does nothing where the package has no such folder', async () => {
    await expect(
      keepOnlyTarget(join(dir, 'absent'), { platform: 'linux', arch: 'x64' }),
    ).resolves.toBeUndefined();
  });
});
