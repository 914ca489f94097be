import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSegmentList } from '../segment/segment-list';

/** A segment in the spool, ready to upload, with its wall-clock span. */
export interface PendingSegment {
  readonly path: string;
  readonly start: Date;
  readonly end: Date;
  /** The recording run (ffmpeg process) it came from: the anchor in its name. */
  readonly run: number;
}

export interface SpoolScanOptions {
  /** The run ffmpeg is writing now: its unlisted file is still open and must not be touched. */
  readonly currentRun?: number;
  /** Seconds of media in an unlisted file of a finished run (0: nothing readable). */
  readonly probe: (path: string) => Promise<number>;
  readonly onTailRemoved?: (file: string) => void;
}

const RUN_LIST = /^run-(\d{13})\.csv$/;
const RUN_SEGMENT = /^run-(\d{13})-(\d{6})\.ts$/;

/**
 * Every segment in a camera's spool folder that can be uploaded, oldest run first, in order:
 * the segments ffmpeg listed as closed and, for runs that have ended, the unlisted tail (the last
 * file, open when ffmpeg stopped or died) measured with ffprobe and placed after the listed ones.
 * A tail with no frames is removed. Lists of runs with nothing left are removed.
 */
export async function scanSpool(dir: string, options: SpoolScanOptions): Promise<PendingSegment[]> {
  const names = await readdir(dir);
  const lists = new Map<number, string>();
  const files = new Map<number, string[]>();
  for (const name of names) {
    const list = RUN_LIST.exec(name);
    if (list) lists.set(Number(list[1]), name);
    const segment = RUN_SEGMENT.exec(name);
    if (segment) files.set(Number(segment[1]), [...(files.get(Number(segment[1])) ?? []), name]);
  }
  const runs = [...new Set([...lists.keys(), ...files.keys()])].sort((a, b) => a - b);
  const out: PendingSegment[] = [];
  for (const run of runs) {
    const listName = lists.get(run);
    const listed = listName ? parseSegmentList(await readFile(join(dir, listName), 'utf8')) : [];
    const present = new Set(files.get(run) ?? []);
    let lastEnd = run;
    for (const segment of listed) {
      lastEnd = run + Math.round(segment.endSeconds * 1000);
      if (!present.has(segment.file)) continue;
      present.delete(segment.file);
      out.push({
        path: join(dir, segment.file),
        start: new Date(run + Math.round(segment.startSeconds * 1000)),
        end: new Date(lastEnd),
        run,
      });
    }
    if (run === options.currentRun) continue;
    for (const file of [...present].sort()) {
      const path = join(dir, file);
      const seconds = await options.probe(path);
      if (seconds <= 0) {
        await unlink(path).catch(() => undefined);
        options.onTailRemoved?.(file);
        continue;
      }
      const end = lastEnd + Math.round(seconds * 1000);
      out.push({ path, start: new Date(lastEnd), end: new Date(end), run });
      lastEnd = end;
    }
    if (listName && !out.some((segment) => segment.run === run)) {
      await unlink(join(dir, listName)).catch(() => undefined);
    }
  }
  return out;
}

/** Bytes of segment files in the folder. */
export async function spoolBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(dir)) {
    if (name.endsWith('.ts')) bytes += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
  }
  return bytes;
}
