/** How much of the loading area's recording around a sighting is its evidence, each side. */
export const ANOMALY_CLIP_MARGIN_MS = 30_000;

/** The loading-area camera's recording window around the sighting, for the archive's playlist route. */
export interface AnomalyClip {
  readonly cameraId: string;
  readonly from: Date;
  readonly to: Date;
}

/**
 * The clip of an anomaly: the sighting camera's video from 30 s before to 30 s after the sighting
 * (an anomaly's `at` is its sighting's time when it has a camera). None for an anomaly judged from
 * gate rows alone (entry-without-exit, exit-without-entry): no loading-area camera saw it.
 */
export function clipOf(cameraId: string | null, at: Date): AnomalyClip | null {
  if (cameraId === null) return null;
  return {
    cameraId,
    from: new Date(at.getTime() - ANOMALY_CLIP_MARGIN_MS),
    to: new Date(at.getTime() + ANOMALY_CLIP_MARGIN_MS),
  };
}
