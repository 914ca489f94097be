export interface IndexedSpan {
  readonly startAt: Date;
  readonly endAt: Date;
}

export interface Window {
  readonly from: Date;
  readonly to: Date;
}

/**
 * Segments overlapping the window that form one gap-free run (each starts where the previous one
 * ended, as the recorder indexes one ffmpeg run). With a gap (an outage, a restart) the run holding
 * the passage instant is used, else the longest, since a concatenation across a gap would misplace
 * time. Input must be ordered by start.
 */
export function contiguousRun<T extends IndexedSpan>(segments: readonly T[], at: Date): T[] {
  const runs: T[][] = [];
  let current: T[] = [];
  for (const segment of segments) {
    const previous = current.at(-1);
    if (previous && segment.startAt.getTime() === previous.endAt.getTime()) {
      current.push(segment);
    } else {
      current = [segment];
      runs.push(current);
    }
  }
  const holding = runs.find((run) => {
    const bounds = boundsOf(run);
    return bounds !== null && bounds.from <= at.getTime() && at.getTime() < bounds.to;
  });
  return holding ?? runs.reduce<T[]>((best, run) => (span(run) > span(best) ? run : best), []);
}

/** First start and last end of a run, in epoch milliseconds; null when empty. */
function boundsOf(run: readonly IndexedSpan[]): { from: number; to: number } | null {
  const first = run[0];
  const last = run.at(-1);
  return first && last ? { from: first.startAt.getTime(), to: last.endAt.getTime() } : null;
}

const span = (run: readonly IndexedSpan[]): number => {
  const bounds = boundsOf(run);
  return bounds ? bounds.to - bounds.from : 0;
};

/** True once the index holds gap-free video over the whole window. */
export function covers(run: readonly IndexedSpan[], window: Window): boolean {
  const bounds = boundsOf(run);
  return bounds !== null && bounds.from <= window.from.getTime() && bounds.to >= window.to.getTime();
}

export interface CutPoints {
  /** Seconds from the run's start: a key frame at or before the requested start. */
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly actual: Window;
}

/**
 * Where a stream copy can cut: it must start on a key frame, so the start snaps back to the last
 * key frame at or before `window.from` (the clip never starts late; it may start up to one GOP
 * early). The end is the requested end, or the end of the run when the video stops earlier.
 * `keyFrames` are seconds from the run's start, ascending.
 */
export function cutPoints(
  run: readonly IndexedSpan[],
  keyFrames: readonly number[],
  window: Window,
): CutPoints | null {
  const bounds = boundsOf(run);
  const firstKey = keyFrames[0];
  if (bounds === null || firstKey === undefined) return null;
  const origin = bounds.from;
  const wantFrom = (window.from.getTime() - origin) / 1000;
  const endSeconds = Math.min((window.to.getTime() - origin) / 1000, (bounds.to - origin) / 1000);
  // A millisecond of slack: probed times are printed to the microsecond, the index to the millisecond.
  const startSeconds = keyFrames.filter((k) => k <= wantFrom + 0.001).at(-1) ?? firstKey;
  if (startSeconds >= endSeconds) return null;
  return {
    startSeconds,
    endSeconds,
    actual: {
      from: new Date(origin + Math.round(startSeconds * 1000)),
      to: new Date(origin + Math.round(endSeconds * 1000)),
    },
  };
}
