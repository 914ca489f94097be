import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './paths';

describe('generated chart files (values.yaml, values.schema.json, profiles, files/kafka.json)', () => {
  it('are what charts/tools describes: run `npm run charts:generate` after changing it', () => {
    // A process of its own: prettier, which formats them, does not load inside Jest.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'charts/tools/generate.ts', '--check'], {
      cwd: REPO_ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('chart files are up to date');
    expect(run.status).toBe(0);
  });
});
