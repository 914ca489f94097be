import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** How a service is run: its production build (`node main.js`) or its TypeScript through tsx. */
export interface Command {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/**
 * One service process, in a process group of its own (tsx's esbuild service is a child of it):
 * its output kept for failure messages, its memory read from /proc.
 */
export class StartedService {
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(command: Command) {
    this.child = spawn(process.execPath, command.args, {
      cwd: command.cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...command.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
    for (const stream of [this.child.stdout, this.child.stderr])
      stream?.on('data', (chunk: Buffer) => {
        this.tail.push(...chunk.toString().split('\n').filter(Boolean));
        this.tail.splice(0, Math.max(0, this.tail.length - 40));
      });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return this.tail.join('\n');
  }

  /** Polls `url` until it answers 200; fails when the process exits first or time runs out. */
  async healthy(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running)
        throw new Error(`exited (${this.child.exitCode}) before ${url} answered:\n${this.output()}`);
      const status = await fetch(url, { signal: AbortSignal.timeout(1_000) }).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      if (Date.now() > deadline)
        throw new Error(`${url} not 200 after ${timeoutMs / 1000} s:\n${this.output()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Resident memory of the process and its children (tsx's esbuild service), in MiB. */
  rssMiB(): number {
    const pid = this.child.pid;
    if (pid === undefined) return 0;
    return [pid, ...descendants(pid)].reduce((sum, p) => sum + residentKiB(p), 0) / 1024;
  }

  /** SIGTERM to the group (a clean close), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || !this.running) return;
    signal(pid, 'SIGTERM');
    const timer = setTimeout(() => signal(pid, 'SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // Already gone.
  }
}

function residentKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited meanwhile
  }
}

function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the fields after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const children = parents.get(queue.shift() as number) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}
