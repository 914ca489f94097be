import { assembleAlertView, ALERT_VIEW_ITEM_LIMIT, type ItemRow } from './alert-view.service';

const at = new Date('2026-12-07T10:00:00.000Z');
const since = new Date('2026-12-07T00:00:00.000Z');
const enterprise = (enterpriseId: string, districtCode: string) => ({
  enterpriseId,
  name: enterpriseId,
  districtCode,
  level: 'red' as const,
  since,
});
const item = (enterpriseId: string, minute: number): ItemRow => ({
  enterpriseId,
  id: `${enterpriseId}-${minute}`,
  kind: 'refused',
  plate: `冀B${minute}`,
  plateColour: 'yellow',
  at: new Date(since.getTime() + minute * 60_000),
  gateId: 'g',
  laneId: 'l',
  reasons: ['stage-below-minimum'],
  stage: 'IV',
});

describe('assembleAlertView', () => {
  it('groups enterprises by district, sums each kind into its count, keeps the newest items', () => {
    const view = assembleAlertView(
      {
        enterprises: [enterprise('b', '130102'), enterprise('a', '130203'), enterprise('c', '130102')],
        kindCounts: [
          { enterpriseId: 'b', kind: 'refused', count: 3 },
          { enterpriseId: 'b', kind: 'manual-release', count: 1 },
          { enterpriseId: 'b', kind: 'record-only-lane', count: 2 },
          { enterpriseId: 'c', kind: 'unknown-stage', count: 4 },
          { enterpriseId: 'a', kind: 'exemption', count: 5 },
        ],
        items: Array.from({ length: ALERT_VIEW_ITEM_LIMIT + 5 }, (_, minute) => item('b', minute)),
        offlineCameras: [
          { enterpriseId: 'c', cameraId: 'cam-2', since: new Date(since.getTime() + 60_000), reason: 'r' },
          { enterpriseId: 'c', cameraId: 'cam-1', since, reason: 'r' },
        ],
        tamperedCameras: [
          { enterpriseId: 'a', cameraId: 'cam-9', since, reason: 'view-changed', kind: 'shifted' },
          { enterpriseId: 'c', cameraId: 'cam-3', since, reason: 'camera tamper alarm', kind: null },
        ],
      },
      {},
      at,
    );
    expect(view.districts.map((d) => [d.districtCode, d.enterprises.map((e) => e.enterpriseId)])).toEqual([
      ['130102', ['b', 'c']],
      ['130203', ['a']],
    ]);
    expect(view.districts[0]!.counts).toEqual({
      refused: 3,
      belowMinimumEntered: 3,
      unknownStageAdmitted: 4,
      camerasOffline: 2,
      camerasTampered: 1,
    });
    expect(view.total).toEqual({
      enterprises: 3,
      refused: 3,
      belowMinimumEntered: 8,
      unknownStageAdmitted: 4,
      camerasOffline: 2,
      camerasTampered: 2,
    });
    const b = view.districts[0]!.enterprises[0]!;
    expect(b.items).toHaveLength(ALERT_VIEW_ITEM_LIMIT);
    expect(b.items[0]!.id).toBe(`b-${ALERT_VIEW_ITEM_LIMIT + 4}`);
    expect(view.districts[0]!.enterprises[1]!.offlineCameras.map((c) => c.cameraId)).toEqual([
      'cam-1',
      'cam-2',
    ]);
    expect(view.districts[1]!.enterprises[0]!.tamperedCameras).toEqual([
      { cameraId: 'cam-9', since: since.toISOString(), reason: 'view-changed', kind: 'shifted' },
    ]);
    expect(view.at).toBe(at.toISOString());
  });
});
