/** One plate read in one decoded frame. */
export interface FrameRead {
  readonly text: string;
  readonly confidence: number;
  readonly trusted: boolean;
}

/** A decoded frame of one camera and what recognition read in it. */
export interface ScannedFrame<F> {
  readonly cameraId: string;
  /** Wall-clock time of the frame, ms since the epoch. */
  readonly atMs: number;
  /** The frame's picture (a file, a buffer…): kept for the sighting's best read. */
  readonly frame: F;
  readonly reads: readonly FrameRead[];
}

export interface Sighting<F> {
  readonly plate: string;
  readonly cameraId: string;
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;
  readonly frames: number;
  readonly bestConfidence: number;
  readonly trusted: boolean;
  /** The frame of the most confident read. */
  readonly bestFrame: F;
}

/**
 * Merges per-frame reads into sightings: per camera, the same plate text read again within
 * `gapMs` of its last read is the same vehicle still in view; a longer gap starts a new sighting
 * (it left and came back). Frames may arrive in any order. Sorted by first sight, camera, plate.
 */
export function mergeSightings<F>(frames: readonly ScannedFrame<F>[], gapMs: number): Sighting<F>[] {
  const done: Sighting<F>[] = [];
  const open = new Map<string, Sighting<F>>();
  const ordered = [...frames].sort((a, b) => a.atMs - b.atMs);
  for (const frame of ordered) {
    // One vote per plate per frame: the frame's most confident read of it.
    const best = new Map<string, FrameRead>();
    for (const read of frame.reads) {
      const seen = best.get(read.text);
      if (!seen || read.confidence > seen.confidence) {
        best.set(read.text, { ...read, trusted: read.trusted || (seen?.trusted ?? false) });
      }
    }
    for (const read of best.values()) {
      const key = `${frame.cameraId}\u0000${read.text}`;
      const current = open.get(key);
      if (current && frame.atMs - current.lastSeenMs <= gapMs) {
        const better = read.confidence > current.bestConfidence;
        open.set(key, {
          ...current,
          lastSeenMs: frame.atMs,
          frames: current.frames + 1,
          bestConfidence: better ? read.confidence : current.bestConfidence,
          trusted: current.trusted || read.trusted,
          bestFrame: better ? frame.frame : current.bestFrame,
        });
        continue;
      }
      if (current) done.push(current);
      open.set(key, {
        plate: read.text,
        cameraId: frame.cameraId,
        firstSeenMs: frame.atMs,
        lastSeenMs: frame.atMs,
        frames: 1,
        bestConfidence: read.confidence,
        trusted: read.trusted,
        bestFrame: frame.frame,
      });
    }
  }
  done.push(...open.values());
  return done.sort(
    (a, b) =>
      a.firstSeenMs - b.firstSeenMs || a.cameraId.localeCompare(b.cameraId) || a.plate.localeCompare(b.plate),
  );
}
