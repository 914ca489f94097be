import { mkdirSync, mkdtempSync, writeFileSync, appendFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMachine } from './machine';

const READY_TIMEOUT_MS = 300_000;

/** Starts the machine once for the run; the tests find its home in ECOGATE_E2E_HOME. */
export default async function globalSetup(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'ecogate-console-'));
  // Embedded PostgreSQL runs as `postgres` when the tests run as root: it must reach its folder.
  chmodSync(home, 0o755);
  mkdirSync(join(home, 'logs'), { recursive: true });
  const logFile = join(home, 'logs', 'launcher.out');
  writeFileSync(logFile, '');
  const { child, ready } = startMachine(home, (line) => appendFileSync(logFile, `${line}\n`));
  process.env['ECOGATE_E2E_HOME'] = home;
  process.env['ECOGATE_E2E_PID'] = String(child.pid);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ready,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not ready in ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`)),
          READY_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
