import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hasProcessTable, processTable } from './process-table';

/**
 * The process groups a start left running (`run/processes.json`). After a crash of the launcher
 * (power cut, `kill -9`) its services and PostgreSQL may live on and hold the ports and the data
 * directory; the next start stops them first, PostgreSQL last.
 */
export class ProcessFile {
  private readonly path: string;
  private readonly groups = new Map<string, number>();

  constructor(runDir: string) {
    this.path = join(runDir, 'processes.json');
  }

  async record(name: string, pid: number | undefined): Promise<void> {
    if (pid === undefined) return;
    this.groups.set(name, pid);
    await writeFile(this.path, JSON.stringify(Object.fromEntries(this.groups)), { mode: 0o600 });
  }

  async clear(): Promise<void> {
    this.groups.clear();
    await rm(this.path, { force: true });
  }

  /** Stops what an earlier start left; returns the names it had to stop. */
  async stopLeftovers(): Promise<string[]> {
    if (!existsSync(this.path)) return [];
    const left = JSON.parse(await readFile(this.path, 'utf8')) as Record<string, number>;
    const alive = Object.entries(left).filter(([, pgid]) => signal(pgid, 0));
    // Services first (SIGTERM: a clean close), then the database (SIGINT: PostgreSQL's fast shutdown).
    const ordered = [...alive.filter(([n]) => n !== 'postgres'), ...alive.filter(([n]) => n === 'postgres')];
    for (const [name, pgid] of ordered) {
      signal(pgid, name === 'postgres' ? 'SIGINT' : 'SIGTERM');
      const deadline = Date.now() + 20_000;
      while (signal(pgid, 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (signal(pgid, 0)) signal(pgid, 'SIGKILL');
    }
    await this.clear();
    return ordered.map(([name]) => name);
  }
}

/** Signals a whole process group; signal 0 only tells whether any of it is still running. */
function signal(pgid: number, name: NodeJS.Signals | 0): boolean {
  if (name === 0) return running(pgid);
  try {
    process.kill(-pgid, name);
    return true;
  } catch {
    return false;
  }
}

/** Whether a process of the group runs (zombies, already dead, do not count). */
function running(pgid: number): boolean {
  if (hasProcessTable()) return processTable().some((p) => p.group === pgid && p.state !== 'Z');
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
