import { rmSync } from 'node:fs';

const STOP_TIMEOUT_MS = 60_000;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Ctrl-C to the machine's process group, as a person stops `npm start`; SIGKILL if it hangs. */
export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env['ECOGATE_E2E_PID']);
  if (pid > 0 && alive(pid)) {
    process.kill(-pid, 'SIGINT');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    if (alive(pid)) process.kill(-pid, 'SIGKILL');
  }
  const home = process.env['ECOGATE_E2E_HOME'];
  if (home && !process.env['ECOGATE_E2E_KEEP_HOME']) rmSync(home, { recursive: true, force: true });
}
