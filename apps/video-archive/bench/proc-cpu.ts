import { readdir, readFile } from 'node:fs/promises';

// CPU accounting from /proc (Linux): clock ticks of processes and of the whole machine.
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU seconds a process has used so far (0 once it is gone); with `reapedChildren`
 * also those of its children that have exited (short ffmpeg/ffprobe runs such as clip cuts).
 */
export async function processCpuSeconds(pid: number, reapedChildren = false): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  const children = reapedChildren ? Number(fields[13] ?? 0) + Number(fields[14] ?? 0) : 0;
  return (own + children) / TICKS_PER_SECOND;
}

/** Processes (children of `parent`, or any when undefined) whose command line contains every marker. */
export async function findPids(markers: readonly string[], parent?: number): Promise<number[]> {
  const out: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    if (parent !== undefined) {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== parent) continue;
    }
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (markers.every((marker) => cmdline.includes(marker))) out.push(Number(name));
  }
  return out;
}

export interface MachineCpu {
  readonly busy: number;
  readonly total: number;
}

/** Busy and total ticks of all cores since boot; the busy share between two samples is Δbusy/Δtotal. */
export async function machineCpu(): Promise<MachineCpu> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
