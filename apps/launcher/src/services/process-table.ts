import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** One process as Linux's `/proc/<pid>/stat` describes it. */
export interface ProcessEntry {
  readonly pid: number;
  /** `Z`: a zombie, already dead, waiting for its parent (after a crash: init) to reap it. */
  readonly state: string;
  readonly parent: number;
  readonly group: number;
}

/** Whether this system has `/proc` (Linux); elsewhere callers fall back to signals. */
export const hasProcessTable = (): boolean => existsSync('/proc/self/stat');

/** One process's entry, or undefined once it is gone. */
export function processEntry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (which may hold spaces and parentheses): state, ppid, pgrp, ...
    const [state = '', parent, group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, state, parent: Number(parent), group: Number(group) };
  } catch {
    return undefined;
  }
}

/** Every process now. */
export function processTable(): ProcessEntry[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => processEntry(Number(entry)) ?? []);
}

/** Alive and not a zombie. */
export const isRunning = (pid: number): boolean => {
  const entry = processEntry(pid);
  return entry !== undefined && entry.state !== 'Z';
};
