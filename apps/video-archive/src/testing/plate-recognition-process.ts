import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@ecogate/testing';

const REPO_ROOT = resolve(__dirname, '../../../..');

export interface PlateRecognitionProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * plate-recognition started through its production entry point (`tsx apps/plate-recognition/src/main.ts`),
 * HTTP only (no snapshot path), its models from the default `../shared/models`: a real dependency
 * for video-archive's window scans, as deployed. `env` adds the auth variables.
 */
export async function startPlateRecognition(
  env: Readonly<Record<string, string>>,
): Promise<PlateRecognitionProcess> {
  const child = spawn(
    resolve(REPO_ROOT, 'node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'apps/plate-recognition/src/main.ts'],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(await freePort()),
        TELEMETRY_ENABLED: 'false',
        LOG_LEVEL: 'info',
        SNAPSHOTS_ENABLED: 'false',
        LPR_WORKERS: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: stopping it also stops the node process tsx runs.
      detached: true,
    },
  );
  const tail: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = new Promise<string>((done, fail) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        const ready = readyUrl(line);
        if (ready) done(ready);
      });
    }
    void exited.then((code) => fail(new Error(`plate-recognition exited ${code}:\n${tail.join('\n')}`)));
  });
  const timeout = setTimeout(() => signal(child, 'SIGKILL'), 120_000);
  try {
    return {
      url: await url,
      async stop() {
        if (child.exitCode !== null || child.signalCode !== null) return;
        signal(child, 'SIGTERM');
        const kill = setTimeout(() => signal(child, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(kill);
      },
    };
  } finally {
    clearTimeout(timeout);
  }
}

function readyUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return parsed.msg === 'plate-recognition ready'
      ? String(parsed.url).replace('[::1]', '127.0.0.1')
      : undefined;
  } catch {
    return undefined;
  }
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, name);
  } catch {
    // Already gone.
  }
}
