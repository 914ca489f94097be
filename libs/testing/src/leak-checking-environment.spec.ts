import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const JEST = require.resolve('jest/bin/jest');

/** Runs one fixture suite in its own Jest process with the integration suite's leak handling. */
function runFixture(name: string): Promise<{ code: number | null; stderr: string; seconds: number }> {
  const config = {
    rootDir: join(__dirname, 'fixtures'),
    testMatch: ['**/*.leak-fixture.js'],
    testEnvironment: join(__dirname, 'leak-checking-environment.js'),
    globalTeardown: join(__dirname, 'global-teardown.js'),
    maxWorkers: 1,
  };
  const started = Date.now();
  const child = spawn(process.execPath, [JEST, '--config', JSON.stringify(config), '--ci', name], {
    cwd: ROOT,
    env: {
      ...process.env,
      ECOGATE_EXIT_GRACE_MS: '1000',
      ECOGATE_TEST_COUNTS: '',
      ECOGATE_TEST_TIMES: '',
      ECOGATE_TEST_FAILURES: '',
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) =>
    child.on('exit', (code) => done({ code, stderr, seconds: (Date.now() - started) / 1000 })),
  );
}

describe('the integration suite’s leak handling', () => {
  it('names a timer a suite left running, with where it started, and clears it so Jest exits', async () => {
    const run = await runFixture('leaks-interval');
    expect(run.stderr).toContain('[leak] leaks-interval.leak-fixture.js: 1 timer(s) still running');
    expect(run.stderr).toMatch(/setInterval\(…, 1000 ms\)\n.*leaks-interval\.leak-fixture\.js:3/);
    expect(run.stderr).not.toContain('still held open');
    expect(run.code).toBe(0);
  });

  it('exits with the run’s failure after the grace period when a suite leaves a server open', async () => {
    const run = await runFixture('leaks-server');
    expect(run.stderr).toContain('1 failed');
    expect(run.stderr).toMatch(/still held open 1 s after its last test by: .*TCPServerWrap/);
    expect(run.code).toBe(1);
  });
});
