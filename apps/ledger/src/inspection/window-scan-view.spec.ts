import { windowScanView } from './window-scan-view';

const report = (over: object = {}) => ({
  id: 'scan-1',
  enterpriseId: 'ent-1',
  from: '2026-03-10T02:00:00.000Z',
  to: '2026-03-10T02:10:00.000Z',
  cameraIds: null,
  status: 'done',
  progress: { framesDone: 600, framesTotal: 600 },
  createdAt: '2026-03-10T03:00:00.000Z',
  finishedAt: '2026-03-10T03:01:00.000Z',
  cameras: [
    { cameraId: 'cam-east', videoSeconds: 600, gapSeconds: 0 },
    { cameraId: 'cam-west', videoSeconds: 600, gapSeconds: 0 },
  ],
  plates: [] as object[],
  ...over,
});
const item = (state: 'requesting' | 'running' | 'done' | 'failed', scan: object | null) => ({
  scanState: state,
  scanId: scan ? 'scan-1' : null,
  scan,
  scanAttempts: 0,
  scanError: state === 'failed' ? 'ffmpeg died' : null,
});
const plate = {
  plate: '冀B12345',
  cameraId: 'cam-east',
  firstSeenAt: '2026-03-10T02:03:00.000Z',
  lastSeenAt: '2026-03-10T02:03:20.000Z',
  frames: 5,
  bestConfidence: 0.95,
  trusted: true,
  framePath: '/f.jpg',
};

describe('windowScanView', () => {
  it('says "all seen in the ledger" only of a finished scan where every camera had video', () => {
    const finding = (state: 'requesting' | 'running' | 'done' | 'failed', over: object = {}) =>
      windowScanView(item(state, report(over)), [], true).scan?.finding;
    expect(finding('done')).toBe('all-seen-in-ledger');
    expect(finding('running', { status: 'running' })).toBe('pending');
    expect(finding('failed', { status: 'failed' })).toBe('failed');
    expect(windowScanView(item('requesting', null), [], true).scan).toMatchObject({
      finding: 'pending',
      progress: null,
      sightings: [],
    });
    const noVideo = { cameras: [{ cameraId: 'cam-east', videoSeconds: 0, gapSeconds: 600 }] };
    expect(finding('done', noVideo)).toBe('no-video');
    expect(finding('done', { cameras: [] })).toBe('no-video');
    const oneDark = {
      cameras: [...report().cameras, { cameraId: 'cam-gate', videoSeconds: 0, gapSeconds: 600 }],
    };
    expect(windowScanView(item('done', report(oneDark)), [], true).scan).toMatchObject({
      finding: 'cameras-without-video',
      camerasWithoutVideo: ['cam-gate'],
    });
  });

  it('reports a plate without a passage first, and matches one with a passage', () => {
    const scan = report({ plates: [plate, { ...plate, plate: '冀B99999', trusted: false }] });
    const view = windowScanView(item('done', scan), [], true).scan;
    expect(view).toMatchObject({ finding: 'vehicles-without-passage', seenWithoutPassage: 1, unsure: 1 });
    const matched = windowScanView(
      item('done', report({ plates: [plate] })),
      [
        {
          id: 'p-1',
          plate: '冀B12345',
          entryCapturedAt: new Date('2026-03-10T02:04:00Z'),
          exitCapturedAt: null,
        },
      ],
      true,
    ).scan;
    expect(matched?.sightings).toEqual([{ ...plate, passageId: 'p-1', finding: 'in-ledger' }]);
    expect(matched?.finding).toBe('all-seen-in-ledger');
  });

  it('has no scan, with the reason, when no video archive is configured', () => {
    expect(windowScanView(item('done', report()), [], false)).toEqual({
      scan: null,
      scanUnavailableReason: 'video-archive-not-configured',
    });
  });
});
