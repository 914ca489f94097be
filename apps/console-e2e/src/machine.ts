import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

// Ports of the console's machine, clear of the integration suite's (20000–24999), `npm run
// test:start`'s (18080…) and the shared infra's; moved with ECOGATE_PORT_OFFSET like the others.
const OFFSET = Number(process.env['ECOGATE_PORT_OFFSET'] ?? 0);
export const PORTS = {
  ECOGATE_PORT: String(17080 + OFFSET),
  ECOGATE_CAMERA_PORT: String(17082 + OFFSET),
  ECOGATE_POSTGRES_PORT: String(17433 + OFFSET),
};
export const CONSOLE_URL = `http://127.0.0.1:${PORTS.ECOGATE_PORT}`;
export const REPO_ROOT = resolve(__dirname, '../../..');
export const DEMO_ENTERPRISE = 'demo-steel';

export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly role: string;
}

/** The demo people the launcher seeded (`$ECOGATE_HOME/secrets/demo.json`), by role. */
export function demoAccount(home: string, role: string): DemoAccount {
  const state = JSON.parse(readFileSync(join(home, 'secrets', 'demo.json'), 'utf8')) as {
    accounts: DemoAccount[];
  };
  const account = state.accounts.find((a) => a.role === role);
  if (!account) throw new Error(`the demo has no ${role}: ${state.accounts.map((a) => a.role).join(', ')}`);
  return account;
}

/**
 * `npm start`'s launcher in a process group of its own (as a terminal runs it): the demo city
 * (enterprise, gates, lanes, people, trucks registered) without its own traffic.
 */
export function startMachine(
  home: string,
  log: (line: string) => void,
): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/launcher/src/main.ts', '--demo'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: 'tsconfig.base.json',
      ECOGATE_HOME: home,
      ...PORTS,
      // Only the tests' own camera pushes: each flow knows which truck it waits for.
      ECOGATE_DEMO_INTERVAL_SECONDS: '0',
      // The flows expect the enterprise's own verdicts, not an alert halfway through the run.
      ECOGATE_DEMO_ALERT_AFTER_SECONDS: '86400',
    },
  });
  const ready = new Promise<void>((done, fail) => {
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => {
        log(line);
        if (/ ready in [\d.]+ s$/.test(line)) done();
      });
    child.once('exit', (code) => fail(new Error(`npm start exited ${code} before it was ready`)));
  });
  return { child, ready };
}
