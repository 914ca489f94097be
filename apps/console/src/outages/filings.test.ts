import { checkFiling, type Filing, filingPhase, visibleFilings } from './filings';

const now = new Date('2026-12-01T00:00:00Z'); // 08:00 in Shanghai

describe('outage filing rules (as the archive checks them)', () => {
  const draft = {
    cameraId: 'cam-1',
    from: '2026-12-01T09:00:00+08:00',
    to: '2026-12-01T12:00:00+08:00',
    reason: '  厂区计划停电检修 ',
  };

  it('files a complete draft in advance, the reason trimmed', () => {
    expect(checkFiling(draft, now)).toEqual({ request: { ...draft, reason: '厂区计划停电检修' } });
  });

  it('refuses an outage that has already started: filings are made in advance', () => {
    expect(checkFiling({ ...draft, from: '2026-12-01T08:00:00+08:00' }, now)).toEqual({
      problems: { from: 'not-in-advance' },
    });
    expect(checkFiling({ ...draft, from: '2026-12-01T07:00:00+08:00' }, now)).toEqual({
      problems: { from: 'not-in-advance' },
    });
  });

  it('refuses an end before the start, a missing window, camera or reason, and a long reason', () => {
    expect(checkFiling({ ...draft, to: draft.from }, now)).toEqual({ problems: { to: 'order' } });
    expect(checkFiling({ reason: '   ' }, now)).toEqual({
      problems: { cameraId: 'camera', from: 'window', reason: 'reason' },
    });
    expect(checkFiling({ ...draft, cameraId: 'cam 1' }, now)).toEqual({ problems: { cameraId: 'camera' } });
    expect(checkFiling({ ...draft, reason: '停'.repeat(501) }, now)).toEqual({
      problems: { reason: 'reason-long' },
    });
  });
});

describe('filings list', () => {
  const filing = (id: string, cameraId: string, from: string, to: string): Filing => ({
    id,
    cameraId,
    from,
    to,
    reason: '检修',
    filedBy: 'u-1',
    filedAt: '2026-11-30T00:00:00Z',
  });
  const filings = [
    filing('past', 'cam-1', '2026-11-30T00:00:00Z', '2026-11-30T02:00:00Z'),
    filing('active', 'cam-2', '2026-11-30T23:00:00Z', '2026-12-01T01:00:00Z'),
    filing('upcoming', 'cam-1', '2026-12-02T00:00:00Z', '2026-12-02T02:00:00Z'),
  ];

  it('says whether each filing is upcoming, under way or over', () => {
    expect(filings.map((f) => filingPhase(f, now))).toEqual(['past', 'active', 'upcoming']);
  });

  it('filters by camera and phase, newest window first', () => {
    const ids = (filter: { camera?: string; phase?: string }) =>
      visibleFilings(filings, filter, now).map((f) => f.id);
    expect(ids({})).toEqual(['upcoming', 'active', 'past']);
    expect(ids({ camera: 'cam-1' })).toEqual(['upcoming', 'past']);
    expect(ids({ phase: 'active' })).toEqual(['active']);
    expect(ids({ camera: 'cam-2', phase: 'past' })).toEqual([]);
  });
});
