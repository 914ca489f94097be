import { type paths } from '../api/generated/schema';

/** camera-ingest's registry, through the gateway. */
export const CI = '/api/camera-ingest/v1/enterprises/{enterpriseId}';
export const RETENTION = '/api/video-archive/v1/enterprises/{enterpriseId}/retention-report';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer B } } } };
}
  ? B
  : never;

export type Site = Ok<'/api/camera-ingest/v1/enterprises/{enterpriseId}/sites'>[number];
export type Gate = Ok<'/api/camera-ingest/v1/enterprises/{enterpriseId}/gates'>[number];
export type Lane = Ok<'/api/camera-ingest/v1/enterprises/{enterpriseId}/lanes'>[number];
export type Device = Ok<'/api/camera-ingest/v1/enterprises/{enterpriseId}/devices'>[number];
export type RetentionReport = Ok<'/api/video-archive/v1/enterprises/{enterpriseId}/retention-report'>;
export type CameraVideo = RetentionReport['cameras'][number];

export type DeviceKind = Device['kind'];
export type LaneDirection = Lane['direction'];
export type LaneMode = Lane['mode'];
export const DEVICE_KINDS: readonly DeviceKind[] = [
  'anpr-camera',
  'overview-camera',
  'loading-area-camera',
  'barrier',
  'display',
];
export const DEVICE_VENDORS: readonly Device['vendor'][] = [
  'hikvision',
  'vzenith',
  'dahua',
  'onvif',
  'other',
];
export type EventSource = Device['eventSource'];
export const EVENT_SOURCES: readonly EventSource[] = ['push', 'event-stream'];

/**
 * Whether camera-ingest keeps a push secret for the device (as its registry issues them): every
 * ANPR camera, and a loading-area camera of a vendor that pushes (its pictures are loading-area frames).
 */
export const pushesToUs = (device: { readonly kind: DeviceKind; readonly vendor: Device['vendor'] }) =>
  device.kind === 'anpr-camera' ||
  (device.kind === 'loading-area-camera' && ['hikvision', 'vzenith', 'dahua'].includes(device.vendor));

/** A loading-area camera is registered on a site, not a lane (it watches a loading area). */
export const onSite = (device: { readonly kind?: DeviceKind }) => device.kind === 'loading-area-camera';

/** Only a Dahua ANPR camera has an event stream camera-ingest can attach to; every other device pushes (or is polled). */
export const hasEventSourceChoice = (device: {
  readonly kind?: DeviceKind;
  readonly vendor?: Device['vendor'];
}) => device.kind === 'anpr-camera' && device.vendor === 'dahua';

export const LANE_DIRECTIONS: readonly LaneDirection[] = ['in', 'out'];
export const LANE_MODES: readonly LaneMode[] = ['auto', 'always-open', 'closed', 'record-only'];

/** The registry's ids (`idSchema` of libs/contracts): checked before the service refuses them. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * What the archive says about a camera's video: `recent` when its newest segment ended within
 * `freshMinutes` (segments are 60 s), `stale` when older (recording stopped or the camera is
 * down), `none` when nothing is archived (a camera that does not record, or not yet).
 */
export type VideoState = 'recent' | 'stale' | 'none';

export function videoState(video: CameraVideo | undefined, now: Date, freshMinutes = 5): VideoState {
  if (!video) return 'none';
  return now.getTime() - Date.parse(video.newestSegmentEnd) <= freshMinutes * 60_000 ? 'recent' : 'stale';
}

export interface DeviceRow {
  readonly key: string;
  readonly device: Device;
  /** Missing when the registry names a parent that is not (or no longer) there. */
  readonly lane?: Lane;
  readonly gate?: Gate;
  readonly site?: Site;
  readonly video?: CameraVideo;
  readonly videoState: VideoState;
}

export interface Registry {
  readonly sites: readonly Site[];
  readonly gates: readonly Gate[];
  readonly lanes: readonly Lane[];
  readonly devices: readonly Device[];
  /** Absent when the archive could not be asked (or refused). */
  readonly video?: RetentionReport;
}

/** One row per device with its lane, gate and site (a loading-area camera: its site only), and its archived video, ordered site → gate → lane → device. */
export function deviceRows(registry: Registry, now: Date): DeviceRow[] {
  const sites = new Map(registry.sites.map((s) => [s.id, s]));
  const gates = new Map(registry.gates.map((g) => [g.id, g]));
  const lanes = new Map(registry.lanes.map((l) => [l.id, l]));
  const video = new Map((registry.video?.cameras ?? []).map((c) => [c.cameraId, c]));
  const rows = registry.devices.map((device): DeviceRow => {
    // A loading-area camera stands on a site (no lane); any other device on a lane of a gate of a site.
    const lane = device.laneId === null ? undefined : lanes.get(device.laneId);
    const gate = lane ? gates.get(lane.gateId) : undefined;
    const site = onSite(device) ? sites.get(device.siteId ?? '') : gate ? sites.get(gate.siteId) : undefined;
    const archived = video.get(device.id);
    return {
      key: device.id,
      device,
      ...(lane ? { lane } : {}),
      ...(gate ? { gate } : {}),
      ...(site ? { site } : {}),
      ...(archived ? { video: archived } : {}),
      videoState: videoState(archived, now),
    };
  });
  // By id (the tree's order too; a site's own cameras before its gates); a device whose place is unknown comes last.
  const order = (row: DeviceRow) =>
    row.lane || (row.site && onSite(row.device))
      ? [row.site?.id ?? '', row.gate?.id ?? '', row.lane?.id ?? '', row.device.id].join('\u0000')
      : '\uffff' + row.device.id;
  return rows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

export interface DeviceFilter {
  readonly site?: string;
  readonly kind?: string;
  readonly q?: string;
}

/** The page's filters (from the URL): a site, a kind, and text in the device's name, id or place. */
export function filterRows(rows: readonly DeviceRow[], filter: DeviceFilter): DeviceRow[] {
  const q = filter.q?.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!filter.site || row.site?.id === filter.site) &&
      (!filter.kind || row.device.kind === filter.kind) &&
      (!q ||
        [
          row.device.id,
          row.device.name,
          row.lane?.name ?? row.device.laneId ?? '',
          row.gate?.name ?? '',
          onSite(row.device) ? (row.site?.name ?? row.device.siteId ?? '') : '',
        ]
          .join(' ')
          .toLowerCase()
          .includes(q)),
  );
}

export interface LaneNode {
  readonly lane: Lane;
  readonly devices: number;
}
export interface GateNode {
  readonly gate: Gate;
  readonly lanes: LaneNode[];
}
export interface SiteNode {
  readonly site: Site;
  readonly gates: GateNode[];
}

/** Sites → gates → lanes with their device counts; gates and lanes whose parent is missing are left out (and counted). */
export function siteTree(registry: Registry): { sites: SiteNode[]; orphans: number } {
  const perLane = new Map<string, number>();
  for (const { laneId } of registry.devices)
    if (laneId !== null) perLane.set(laneId, (perLane.get(laneId) ?? 0) + 1);
  const siteIds = new Set(registry.sites.map((s) => s.id));
  const gateIds = new Set(registry.gates.map((g) => g.id));
  const sites = registry.sites.map((site): SiteNode => ({
    site,
    gates: registry.gates
      .filter((gate) => gate.siteId === site.id)
      .map((gate) => ({
        gate,
        lanes: registry.lanes
          .filter((lane) => lane.gateId === gate.id)
          .map((lane) => ({ lane, devices: perLane.get(lane.id) ?? 0 })),
      })),
  }));
  const orphans =
    registry.gates.filter((g) => !siteIds.has(g.siteId)).length +
    registry.lanes.filter((l) => !gateIds.has(l.gateId)).length;
  return { sites, orphans };
}
