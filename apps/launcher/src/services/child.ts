import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const REPO_ROOT = resolve(__dirname, '../../../..');

/** One JSON log line of a child (pino). */
export type LogLine = Readonly<Record<string, unknown>> & { readonly msg?: string };

export interface ChildOptions {
  /** For messages: the service or job name. */
  readonly name: string;
  /** The TypeScript entry point, relative to the repository (run through tsx, as in development and tests). */
  readonly entry: string;
  readonly args?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Appended with everything the child prints. */
  readonly logFile: string;
  /** Called with each JSON log line (e.g. to relay progress to the terminal). */
  readonly onLog?: (line: LogLine) => void;
}

/**
 * A process of the machine's Ecogate: `node --import tsx <entry>` with exactly the environment it
 * is given (plus PATH and HOME), in a process group of its own so that the terminal's Ctrl-C
 * reaches only the launcher, which stops everything in order. Its output goes to its log file.
 */
export class Child {
  private readonly process: ChildProcess;
  private readonly lines: LogLine[] = [];
  private readonly tail: string[] = [];
  private readonly log: WriteStream;
  readonly exited: Promise<number | null>;

  constructor(readonly options: ChildOptions) {
    this.log = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 });
    this.process = spawn(process.execPath, ['--import', 'tsx', options.entry, ...(options.args ?? [])], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        TSX_TSCONFIG_PATH: 'tsconfig.base.json',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.exited = new Promise((done) => this.process.once('exit', (code) => done(code)));
    for (const stream of [this.process.stdout, this.process.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.take(line));
    }
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** The last lines it printed, for error messages. */
  output(): string {
    return this.tail.join('\n');
  }

  /** Resolves with the first JSON line that matches; fails when the child exits first or time runs out. */
  async waitFor(match: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.lines.find(match);
      if (found) return found;
      if (!this.running)
        throw new Error(
          `${this.options.name} exited (${this.process.exitCode ?? this.process.signalCode}):\n${this.output()}`,
        );
      if (Date.now() > deadline)
        throw new Error(`${this.options.name} did not get ready in ${timeoutMs / 1000} s:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits for the exit of a one-off job and fails with its output when it did not succeed. */
  async succeeded(): Promise<void> {
    const code = await this.exited;
    if (code !== 0) throw new Error(`${this.options.name} failed (exit ${code}):\n${this.output()}`);
  }

  /** SIGTERM (the services close cleanly on it), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const pid = this.process.pid;
    if (pid !== undefined && this.running) {
      signal(pid, 'SIGTERM');
      const timer = setTimeout(() => signal(pid, 'SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((done) => this.log.end(done));
  }

  private take(line: string): void {
    this.log.write(`${line}\n`);
    this.tail.push(line);
    if (this.tail.length > 40) this.tail.shift();
    if (!line.startsWith('{')) return;
    try {
      const parsed = JSON.parse(line) as LogLine;
      this.lines.push(parsed);
      this.options.onLog?.(parsed);
      // Only the recent lines are searched; a long-running service must not grow without bound.
      if (this.lines.length > 2_000) this.lines.splice(0, 1_000);
    } catch {
      // Not JSON after all: kept in the file and the tail.
    }
  }
}

/** The whole group: tsx's loader and the service. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // Already gone.
  }
}
