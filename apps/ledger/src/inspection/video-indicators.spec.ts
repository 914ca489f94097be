import { outageIndicator, violationIndicator } from './video-indicators';

describe('outageIndicator', () => {
  it('counts outages and their seconds, filed and unfiled, and names the cameras with unfiled ones', () => {
    const outage = (cameraId: string, seconds: number, filed: boolean) => ({
      cameraId,
      from: '2026-03-10T00:00:00.000Z',
      to: '2026-03-10T01:00:00.000Z',
      seconds,
      filed,
      filingId: filed ? 'f-1' : null,
    });
    expect(
      outageIndicator([outage('cam-b', 600, false), outage('cam-a', 3600, true), outage('cam-b', 30, false)]),
    ).toEqual({
      status: 'available',
      count: 3,
      seconds: 4230,
      filed: 1,
      unfiled: 2,
      unfiledSeconds: 630,
      camerasUnfiled: ['cam-b'],
    });
    expect(outageIndicator([])).toMatchObject({ status: 'available', count: 0, seconds: 0 });
  });
});

describe('violationIndicator', () => {
  it('counts each kind, keeps kinds it does not name under other, and totals them', () => {
    expect(
      violationIndicator([
        { kind: 'tailgating', count: 3 },
        { kind: 'cutting-in', count: 4 },
        { kind: 'u-turn', count: 5 },
        { kind: 'opened-without-decision', count: 1 },
        { kind: 'side-gate', count: 2 },
      ]),
    ).toEqual({
      tailgating: 3,
      cuttingIn: 4,
      reversing: 0,
      uTurn: 5,
      openedWithoutDecision: 1,
      other: 2,
      total: 15,
    });
  });
});
