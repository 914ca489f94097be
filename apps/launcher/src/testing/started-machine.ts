import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_ENTERPRISE } from '../demo/demo-city';
import { GatewaySession } from '../demo/gateway-session';
import { REPO_ROOT } from '../services/child';
import { isRunning, processTable } from '../services/process-table';

export interface RunningProcess {
  readonly pid: number;
  readonly command: string;
}

export interface StartOptions {
  /** ECOGATE_HOME: a new folder for a cold start, the same again for a warm one. */
  readonly home: string;
  /** The launcher's environment, beyond HOME and ECOGATE_HOME (e.g. a PATH holding only Node.js). */
  readonly env?: Readonly<Record<string, string>>;
  readonly args?: readonly string[];
  /** Run `npm start` (as a newcomer does) instead of node with the entry point. */
  readonly viaNpm?: boolean;
}

/**
 * `npm start` as a user runs it, for the smoke check, the start benchmark and the crash test:
 * its terminal output, the demo logins it prints, the first passage through the public API, the
 * memory of every process it started, Ctrl-C, and a power cut (SIGKILL to every process).
 */
export class StartedMachine {
  readonly startedAt = Date.now();
  private readonly lines: string[] = [];
  /** The exit code, or the signal that ended it (npm ends itself with the SIGINT it got). */
  private readonly exited: Promise<number | NodeJS.Signals | null>;
  private readonly child: ChildProcess;

  constructor(private readonly options: StartOptions) {
    const env = {
      HOME: process.env['HOME'] ?? '/root',
      PATH: process.env['PATH'] ?? '',
      ECOGATE_HOME: options.home,
      ...options.env,
    };
    const [command, args] = options.viaNpm
      ? ['npm', ['start', '--', ...(options.args ?? [])]]
      : [process.execPath, ['--import', 'tsx', 'apps/launcher/src/main.ts', ...(options.args ?? [])]];
    this.child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a terminal's foreground job: Ctrl-C goes to the whole group.
      detached: true,
    });
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done(code ?? signal)));
    for (const stream of [this.child.stdout, this.child.stderr])
      if (stream) createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('not started');
    return this.child.pid;
  }

  output(): string {
    return this.lines.join('\n');
  }

  /** Seconds from spawn to the launcher's "ready". */
  async ready(timeoutMs = 300_000): Promise<number> {
    await this.waitForLine((line) => / ready in [\d.]+ s$/.test(line), timeoutMs);
    return (Date.now() - this.startedAt) / 1000;
  }

  /** The demo logins the launcher printed: role → username and password. */
  logins(): Map<string, { username: string; password: string }> {
    const logins = new Map<string, { username: string; password: string }>();
    for (const line of this.lines) {
      const match = /^\s{4}([a-z-]+)\s+(\S+)\s+(\S+)$/.exec(line);
      if (match) logins.set(match[1]!, { username: match[2]!, password: match[3]! });
    }
    return logins;
  }

  /** Signed in through the gateway as the demo's person of `role`. */
  async session(role: string, port = 8080): Promise<GatewaySession> {
    const login = this.logins().get(role);
    if (!login) throw new Error(`no demo login for ${role} in:\n${this.output()}`);
    const session = new GatewaySession(`http://127.0.0.1:${port}`);
    await session.login(login.username, login.password);
    return session;
  }

  /** The demo enterprise's passages, newest first, through the public API. */
  async passages(session: GatewaySession, query = 'limit=200'): Promise<{ id: string; plate?: string }[]> {
    const body = (await session.expect(
      'GET',
      `/api/ledger/v1/enterprises/${DEMO_ENTERPRISE}/passages?${query}`,
    )) as { items: { id: string; plate?: string }[] };
    return body.items;
  }

  /** Seconds from spawn until the first demo passage is visible through the API. */
  async firstPassage(session: GatewaySession, timeoutMs = 300_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.passages(session, 'limit=1')).length === 0) {
      if (Date.now() > deadline) throw new Error(`no passage after ${timeoutMs / 1000} s:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return (Date.now() - this.startedAt) / 1000;
  }

  /** The launcher's processes and all below them that are alive now, with their command lines. */
  processes(): RunningProcess[] {
    return treeOf(this.pid).map((pid) => ({ pid, command: commandOf(pid) }));
  }

  /**
   * Memory of the launcher and every process below it (services, PostgreSQL), in MiB: the sum of
   * RSS (counts shared pages, e.g. PostgreSQL's shared buffers, once per process) and of PSS
   * (shared pages split between their processes: what the machine really spends).
   */
  memoryMiB(): { rss: number; pss: number } {
    const pids = treeOf(this.pid);
    const sum = (field: string) => pids.reduce((total, pid) => total + kiB(pid, field), 0) / 1024;
    return { rss: sum('Rss'), pss: sum('Pss') };
  }

  /** Ctrl-C (SIGINT to the group: npm, its shell, the launcher); resolves with the exit code. */
  async interrupt(timeoutMs = 90_000): Promise<number | NodeJS.Signals | null> {
    process.kill(-this.pid, 'SIGINT');
    const timer = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`did not stop in ${timeoutMs / 1000} s:\n${this.output()}`)),
        timeoutMs,
      ).unref(),
    );
    return Promise.race([this.exited, timer]);
  }

  /** A power cut: SIGKILL to the launcher and every process it started, all at once. */
  async powerCut(): Promise<void> {
    const pids = treeOf(this.pid);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await this.exited;
  }

  private async waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.some(match)) {
      if (this.child.exitCode !== null)
        throw new Error(`npm start exited ${this.child.exitCode}:\n${this.output()}`);
      if (Date.now() > deadline)
        throw new Error(`npm start: not ready in ${timeoutMs / 1000} s:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** `root` and all its descendants (services run in process groups of their own, so by parent). */
function treeOf(root: number): number[] {
  const table = processTable();
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const entry of table) if (entry.parent === tree[i]) tree.push(entry.pid);
  return tree;
}

/**
 * Which of `pids` still run after `graceMs` (as `pid command`): zombies waiting for a reaper do
 * not count, and helpers that end on their own once their parent is gone (tsx's esbuild service
 * reads until its stdin closes) get the grace to do so.
 */
export async function survivors(processes: readonly RunningProcess[], graceMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    // The same pid with another command line is a new process that reused the number.
    const left = processes.filter((p) => isRunning(p.pid) && commandOf(p.pid) === p.command);
    if (left.length === 0 || Date.now() > deadline) return left.map((p) => `${p.pid} ${p.command}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '(gone)';
  }
}

/** A field of `/proc/<pid>/smaps_rollup` in KiB (0 once the process is gone). */
function kiB(pid: number, field: string): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * A scratch folder for a home. Traversable by others (0755, where mkdtemp gives 0700): run as
 * root, the database runs as the `postgres` user, which must reach its data directory inside.
 */
export async function scratchFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}
