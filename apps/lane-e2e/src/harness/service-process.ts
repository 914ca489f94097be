import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = resolve(__dirname, '../../../..');
const TSX = resolve(REPO_ROOT, 'node_modules/.bin/tsx');

/** One pino JSON line of a service's stdout. */
export type LogLine = Readonly<Record<string, unknown>> & { readonly msg?: string };

export interface ServiceProcessOptions {
  /** `apps/<name>/src/main.ts` is started. */
  readonly app: string;
  readonly env: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
}

/**
 * A service started through its production entry point (`tsx apps/<app>/src/main.ts`), in its own
 * process group so that stopping it also stops the node process tsx runs. Keeps the JSON log lines
 * so tests can wait for what the service logs (e.g. what the lane display shows).
 */
export class ServiceProcess {
  private readonly lines: LogLine[] = [];
  private readonly tail: string[] = [];
  /** Every line of stdout and stderr, JSON or not (what an operator's log collector would keep). */
  private readonly everything: string[] = [];
  private readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  private constructor(readonly options: ServiceProcessOptions) {
    this.child = spawn(
      TSX,
      ['--tsconfig', 'tsconfig.base.json', `apps/${options.app}/src/main.ts`, ...(options.args ?? [])],
      {
        cwd: REPO_ROOT,
        // Only what the service is given, plus PATH/HOME for the toolchain: no leaked settings.
        env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => this.take(line));
    }
  }

  static start(options: ServiceProcessOptions): ServiceProcess {
    return new ServiceProcess(options);
  }

  /** Runs a one-shot command of the entry point (e.g. `--migrate`) and fails with its output. */
  static async run(options: ServiceProcessOptions): Promise<ServiceProcess> {
    const process = new ServiceProcess(options);
    const code = await process.exited;
    if (code !== 0)
      throw new Error(`${options.app} ${options.args?.join(' ')} exited ${code}:\n${process.output()}`);
    return process;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the process is still running (it has neither exited nor been killed). */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  logs(): readonly LogLine[] {
    return this.lines;
  }

  /** All output so far, stdout and stderr, every line. */
  allOutput(): string {
    return this.everything.join('\n');
  }

  /** The last lines of output, for failure messages. */
  output(): string {
    return this.tail.join('\n');
  }

  /** Resolves with the first log line that matches, failing when the process exits first. */
  async waitFor(match: (line: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(match);
      if (found) return found;
      if (this.child.exitCode !== null) {
        throw new Error(`${this.options.app} exited ${this.child.exitCode}:\n${this.output()}`);
      }
      if (Date.now() > deadline) throw new Error(`${this.options.app}: timed out waiting:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits for runService's "<service> ready" line and returns the URL it reports. */
  async ready(timeoutMs = 90_000): Promise<string> {
    const line = await this.waitFor((l) => l.msg === `${this.options.app} ready`, timeoutMs);
    return String(line['url']).replace('[::1]', '127.0.0.1');
  }

  /** SIGTERM to the process group (graceful close), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.child.exitCode !== null || this.child.signalCode !== null) return;
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private take(line: string): void {
    this.everything.push(line);
    this.tail.push(line);
    if (this.tail.length > 80) this.tail.shift();
    if (!line.startsWith('{')) return;
    try {
      this.lines.push(JSON.parse(line) as LogLine);
    } catch {
      // A partial or foreign line: kept in the tail only.
    }
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
