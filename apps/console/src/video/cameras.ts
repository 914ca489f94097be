import { type paths } from '../api/generated/schema';

export const RETENTION = '/api/video-archive/v1/enterprises/{enterpriseId}/retention-report';
export const DEVICES = '/api/camera-ingest/v1/enterprises/{enterpriseId}/devices';

export type RetentionReport = paths[typeof RETENTION]['get']['responses'][200]['content']['application/json'];
export type CameraVideo = RetentionReport['cameras'][number];
type Device = paths[typeof DEVICES]['get']['responses'][200]['content']['application/json'][number];

const CAMERA_KINDS: ReadonlySet<Device['kind']> = new Set([
  'anpr-camera',
  'overview-camera',
  'loading-area-camera',
]);

export interface CameraOption {
  readonly value: string;
  readonly name: string;
  /** The archive has video of it. */
  readonly hasVideo: boolean;
  readonly video?: CameraVideo;
}

/**
 * The cameras to pick from: every camera the archive has video of (the only ones that can play),
 * named from camera-ingest's registry where the role may read it, then the registry's other
 * cameras (no video yet). Readers without the registry (gate staff) see the archive's ids.
 */
export function cameraOptions(
  report: RetentionReport | undefined,
  devices: readonly Device[] | undefined,
): CameraOption[] {
  const names = new Map((devices ?? []).map((d) => [d.id, d.name]));
  const archived = (report?.cameras ?? []).map((video): CameraOption => ({
    value: video.cameraId,
    name: names.get(video.cameraId) ?? video.cameraId,
    hasVideo: true,
    video,
  }));
  const known = new Set(archived.map((o) => o.value));
  const others = (devices ?? [])
    .filter((d) => CAMERA_KINDS.has(d.kind) && !known.has(d.id))
    .map((d): CameraOption => ({ value: d.id, name: d.name, hasVideo: false }));
  return [...archived, ...others];
}
