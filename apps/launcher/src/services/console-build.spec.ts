import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleBuildStale } from './console-build';

describe('consoleBuildStale', () => {
  let dir: string;
  const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);
  const file = async (path: string, seconds: number) => {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), 'x');
    await utimes(join(dir, path), at(seconds), at(seconds));
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-build-'));
    await file('index.html', 10);
    await file('vite.config.mts', 10);
    await file('src/pages/page.tsx', 20);
    await utimes(join(dir, 'src', 'pages'), at(20), at(20));
    await utimes(join(dir, 'src'), at(20), at(20));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('asks for a build when there is none', async () => {
    expect(await consoleBuildStale(dir)).toBe(true);
  });

  it('keeps a build newer than every source', async () => {
    await file('dist/index.html', 30);
    expect(await consoleBuildStale(dir)).toBe(false);
  });

  it('rebuilds when a source deep in src changed after the build', async () => {
    await file('dist/index.html', 30);
    await file('src/pages/page.tsx', 40);
    expect(await consoleBuildStale(dir)).toBe(true);
  });
});
