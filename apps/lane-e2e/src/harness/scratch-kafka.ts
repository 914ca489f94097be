import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { REPO_ROOT } from './service-process';

const run = promisify(execFile);
const SCRIPT = resolve(REPO_ROOT, 'apps/lane-e2e/scripts/scratch-kafka.sh');

/**
 * A dedicated single-node Kafka (deploy/local/kafka.sh on random ports and a temporary data
 * directory) that a test may stop and restart without disturbing the shared broker.
 */
export class ScratchKafka {
  private constructor(
    private readonly dataDir: string,
    readonly port: number,
    private readonly controllerPort: number,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(): Promise<ScratchKafka> {
    const dataDir = await mkdtemp(join(tmpdir(), 'lane-e2e-kafka-'));
    const kafka = new ScratchKafka(dataDir, await freePort(), await freePort());
    await kafka.up();
    return kafka;
  }

  async up(): Promise<void> {
    await this.script('start');
  }

  async down(): Promise<void> {
    await this.script('stop');
  }

  /** Stops the broker and deletes its data. */
  async destroy(): Promise<void> {
    await this.down().catch(() => undefined);
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async script(action: 'start' | 'stop'): Promise<void> {
    await run('bash', [SCRIPT, action, this.dataDir, String(this.port), String(this.controllerPort)], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    });
  }
}
