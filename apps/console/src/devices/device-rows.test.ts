import {
  type Device,
  deviceRows,
  filterRows,
  hasEventSourceChoice,
  pushesToUs,
  type Registry,
  siteTree,
  videoState,
} from './device-rows';

const device = (id: string, laneId: string | null, extra: Partial<Device> = {}): Device => ({
  id,
  laneId,
  siteId: null,
  kind: 'anpr-camera',
  vendor: 'hikvision',
  name: `Camera ${id}`,
  address: null,
  allowedSources: [],
  hasCredentials: false,
  enabled: true,
  eventSource: 'push',
  ...extra,
});

const now = new Date('2026-12-01T08:00:00Z');
const registry: Registry = {
  sites: [
    { id: 's2', name: '二厂', timeZone: 'Asia/Shanghai', discoveryNetworks: [] },
    { id: 's1', name: '一厂', timeZone: 'Asia/Shanghai', discoveryNetworks: [] },
  ],
  gates: [
    { id: 'g1', siteId: 's1', name: '北门' },
    { id: 'g2', siteId: 's2', name: '南门' },
    { id: 'g-lost', siteId: 'gone', name: '孤立门岗' },
  ],
  lanes: [
    { id: 'l1', gateId: 'g1', name: '入口1', direction: 'in', mode: 'auto' },
    { id: 'l2', gateId: 'g2', name: '出口1', direction: 'out', mode: 'record-only' },
  ],
  devices: [
    device('cam-b', 'l2', { kind: 'overview-camera', vendor: 'onvif' }),
    device('cam-a', 'l1'),
    device('cam-x', 'l-missing'),
    // Loading-area cameras stand on a site, no lane.
    device('yard-1', null, { kind: 'loading-area-camera', vendor: 'onvif', siteId: 's1', name: '装卸区' }),
    device('yard-x', null, { kind: 'loading-area-camera', vendor: 'onvif', siteId: 'gone' }),
  ],
  video: {
    enterpriseId: 'e-1',
    retentionDays: 180,
    generatedAt: now.toISOString(),
    cameras: [
      {
        cameraId: 'cam-a',
        oldestSegment: '2026-11-01T00:00:00Z',
        newestSegmentEnd: '2026-12-01T07:58:00Z',
        segments: 100,
        bytes: 1,
        gaps: 0,
        gapSeconds: 0,
      },
      {
        cameraId: 'cam-b',
        oldestSegment: '2026-11-01T00:00:00Z',
        newestSegmentEnd: '2026-12-01T06:00:00Z',
        segments: 10,
        bytes: 1,
        gaps: 2,
        gapSeconds: 600,
      },
    ],
  },
};

describe('device rows (registry + archive → table)', () => {
  it('joins each device to its lane, gate and site and orders them site → gate → lane', () => {
    const rows = deviceRows(registry, now);
    expect(rows.map((r) => [r.device.id, r.site?.name, r.gate?.name, r.lane?.name])).toEqual([
      // A loading-area camera: its site, no gate or lane (before the site's gates).
      ['yard-1', '一厂', undefined, undefined],
      ['cam-a', '一厂', '北门', '入口1'],
      ['cam-b', '二厂', '南门', '出口1'],
      // A lane or site the registry no longer has: kept, last, without a place.
      ['cam-x', undefined, undefined, undefined],
      ['yard-x', undefined, undefined, undefined],
    ]);
  });

  it("maps each camera's archived video to a state: recent, stale or none", () => {
    const rows = deviceRows(registry, now);
    expect(rows.map((r) => [r.device.id, r.videoState, r.video?.gaps])).toEqual([
      ['yard-1', 'none', undefined],
      ['cam-a', 'recent', 0],
      ['cam-b', 'stale', 2],
      ['cam-x', 'none', undefined],
      ['yard-x', 'none', undefined],
    ]);
    expect(videoState(undefined, now)).toBe('none');
    // Without the archive's report every camera is `none`, nothing is guessed.
    const { video: _video, ...withoutVideo } = registry;
    expect(deviceRows(withoutVideo, now).every((r) => r.videoState === 'none')).toBe(true);
  });

  it('filters by site, kind and text in the name, id or place', () => {
    const rows = deviceRows(registry, now);
    const ids = (filter: Parameters<typeof filterRows>[1]) =>
      filterRows(rows, filter).map((r) => r.device.id);
    expect(ids({})).toEqual(['yard-1', 'cam-a', 'cam-b', 'cam-x', 'yard-x']);
    expect(ids({ site: 's2' })).toEqual(['cam-b']);
    expect(ids({ site: 's1' })).toEqual(['yard-1', 'cam-a']);
    expect(ids({ kind: 'anpr-camera' })).toEqual(['cam-a', 'cam-x']);
    expect(ids({ q: '一厂' })).toEqual(['yard-1']);
    expect(ids({ q: '入口' })).toEqual(['cam-a']);
    expect(ids({ q: ' CAM-X ' })).toEqual(['cam-x']);
  });

  it('builds the site tree with device counts per lane and counts parents that are missing', () => {
    const { sites, orphans } = siteTree(registry);
    expect(
      sites.map((s) => [
        s.site.id,
        s.gates.map((g) => [g.gate.id, g.lanes.map((l) => [l.lane.id, l.devices])]),
      ]),
    ).toEqual([
      ['s2', [['g2', [['l2', 1]]]]],
      ['s1', [['g1', [['l1', 1]]]]],
    ]);
    expect(orphans).toBe(1);
  });
});

describe('event source choice', () => {
  it('is offered for Dahua ANPR cameras only', () => {
    expect(hasEventSourceChoice({ kind: 'anpr-camera', vendor: 'dahua' })).toBe(true);
    expect(hasEventSourceChoice({ kind: 'anpr-camera', vendor: 'hikvision' })).toBe(false);
    expect(hasEventSourceChoice({ kind: 'overview-camera', vendor: 'dahua' })).toBe(false);
    // A form where nothing is picked yet.
    expect(hasEventSourceChoice({})).toBe(false);
  });
});

describe('push secret', () => {
  it('is kept for ANPR cameras and for loading-area cameras of a push vendor', () => {
    expect(pushesToUs({ kind: 'anpr-camera', vendor: 'onvif' })).toBe(true);
    expect(pushesToUs({ kind: 'loading-area-camera', vendor: 'hikvision' })).toBe(true);
    expect(pushesToUs({ kind: 'loading-area-camera', vendor: 'dahua' })).toBe(true);
    expect(pushesToUs({ kind: 'loading-area-camera', vendor: 'vzenith' })).toBe(true);
    expect(pushesToUs({ kind: 'loading-area-camera', vendor: 'onvif' })).toBe(false);
    expect(pushesToUs({ kind: 'overview-camera', vendor: 'hikvision' })).toBe(false);
  });
});
