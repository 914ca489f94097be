import { LOADING_AREA_ANOMALY_KINDS, type LoadingAreaAnomalyKind } from '@ecogate/contracts';
import { type Interval } from './sampling';

/** A camera's own tamper alarm names no kind: counted under this one. */
export const CAMERA_ALARM = 'camera-alarm';

export interface TamperEpisodeSpan {
  readonly cameraId: string;
  /** The view check's kind; `null` from the camera's own alarm. */
  readonly kind: string | null;
  readonly startedAt: Date;
  /** `null` while it lasts. */
  readonly endedAt: Date | null;
}

/** Camera tampering over the period (issue #17), like the outages: episodes, seconds, by camera. */
export interface TamperIndicator {
  /** Episodes overlapping the period. */
  readonly count: number;
  /** Seconds tampered with inside the period, all episodes together (an open one up to the period's end or now). */
  readonly seconds: number;
  /** Per camera, the longest first: its episodes, seconds and kinds (`camera-alarm` for the camera's own alarm). */
  readonly cameras: readonly {
    cameraId: string;
    count: number;
    seconds: number;
    kinds: string[];
  }[];
  /** Episodes not over yet (now). */
  readonly open: number;
}

export function tamperIndicator(
  episodes: readonly TamperEpisodeSpan[],
  period: Interval,
  now: Date,
): TamperIndicator {
  const until = Math.min(period.until.getTime(), now.getTime());
  const inside = (e: TamperEpisodeSpan) => {
    const start = Math.max(e.startedAt.getTime(), period.from.getTime());
    const end = Math.min(e.endedAt?.getTime() ?? until, period.until.getTime());
    return Math.max(0, end - start) / 1000;
  };
  const overlapping = episodes.filter(
    (e) => e.startedAt < period.until && (e.endedAt === null || e.endedAt > period.from),
  );
  const byCamera = new Map<string, { count: number; seconds: number; kinds: Set<string> }>();
  for (const episode of overlapping) {
    const camera = byCamera.get(episode.cameraId) ?? { count: 0, seconds: 0, kinds: new Set<string>() };
    camera.count += 1;
    camera.seconds += inside(episode);
    camera.kinds.add(episode.kind ?? CAMERA_ALARM);
    byCamera.set(episode.cameraId, camera);
  }
  const cameras = [...byCamera.entries()]
    .map(([cameraId, c]) => ({ cameraId, count: c.count, seconds: c.seconds, kinds: [...c.kinds].sort() }))
    .sort((a, b) => b.seconds - a.seconds || a.cameraId.localeCompare(b.cameraId));
  return {
    count: overlapping.length,
    seconds: cameras.reduce((sum, c) => sum + c.seconds, 0),
    cameras,
    open: overlapping.filter((e) => e.endedAt === null).length,
  };
}

/** The period's loading-area anomalies by kind (docs/loading-areas.md); kinds without any are 0. */
export interface AnomalyIndicator {
  readonly byKind: Record<LoadingAreaAnomalyKind, number>;
  readonly total: number;
}

export function anomalyIndicator(counts: readonly { kind: string; count: number }[]): AnomalyIndicator {
  const of = (kind: string) => counts.filter((c) => c.kind === kind).reduce((sum, c) => sum + c.count, 0);
  const byKind = Object.fromEntries(LOADING_AREA_ANOMALY_KINDS.map((kind) => [kind, of(kind)])) as Record<
    LoadingAreaAnomalyKind,
    number
  >;
  return { byKind, total: Object.values(byKind).reduce((sum, count) => sum + count, 0) };
}
