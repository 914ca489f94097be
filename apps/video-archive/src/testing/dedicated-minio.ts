import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectEventually } from '@ecogate/testing';

/** The binary `deploy/local/minio.sh` built and cached (ECOGATE_MINIO_BIN overrides). */
export function cachedMinioBinary(): string {
  const explicit = process.env['ECOGATE_MINIO_BIN'];
  if (explicit) return explicit;
  const conf = readFileSync(resolve(__dirname, '../../../../deploy/local/infra.conf'), 'utf8');
  const version = /ECOGATE_MINIO_VERSION:=([^}]+)\}/.exec(conf)?.[1];
  const cache = process.env['ECOGATE_CACHE'] ?? join(homedir(), '.cache/ecogate');
  const bin = join(cache, `minio-${version}`, 'minio');
  if (!version || !existsSync(bin)) throw new Error(`No cached MinIO at ${bin}: run npm run infra:up once`);
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A MinIO of its own for a test that takes object storage down (the shared one on 19000 serves
 * everyone else): random ports, a temporary data folder, random credentials. `stop()` and
 * `start()` keep the port and the data, as a restarted server would.
 */
export class DedicatedMinio {
  readonly accessKey = `it${randomBytes(6).toString('hex')}`;
  readonly secretKey = randomBytes(18).toString('hex');
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'minio-it-'));
  private process: ChildProcess | undefined;
  private port = 0;
  private consolePort = 0;

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) {
      this.port = await freePort();
      this.consolePort = await freePort();
    }
    this.process = spawn(
      cachedMinioBinary(),
      [
        'server',
        '--quiet',
        '--address',
        `127.0.0.1:${this.port}`,
        '--console-address',
        `127.0.0.1:${this.consolePort}`,
        this.dataDir,
      ],
      {
        stdio: 'ignore',
        env: { ...process.env, MINIO_ROOT_USER: this.accessKey, MINIO_ROOT_PASSWORD: this.secretKey },
      },
    );
    await expectEventually(
      async () => expect((await fetch(`${this.endpoint}/minio/health/live`)).status).toBe(200),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
