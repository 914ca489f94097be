/** One closed segment as ffmpeg's segment muxer lists it (`-segment_list_type csv`, `live` flag). */
export interface ListedSegment {
  readonly file: string;
  /** Seconds from the first packet of the recording run. */
  readonly startSeconds: number;
  readonly endSeconds: number;
}

const FILE = /^[A-Za-z0-9_-]+\.ts$/;

/**
 * Parses the CSV list ffmpeg appends a line to *after* it closed a segment, so every listed file
 * is complete. A last line without its newline may still be being written: it is ignored.
 */
export function parseSegmentList(text: string): ListedSegment[] {
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  const out: ListedSegment[] = [];
  for (const line of complete.split('\n')) {
    if (line.trim() === '') continue;
    const [file = '', start = '', end = ''] = line.trim().split(',');
    const startSeconds = Number(start);
    const endSeconds = Number(end);
    if (!FILE.test(file) || !Number.isFinite(startSeconds) || !(endSeconds >= startSeconds)) continue;
    out.push({ file, startSeconds, endSeconds });
  }
  return out;
}
