import { readPeriod, refusalsLink, toAnomaliesQuery, toSightingsQuery } from './loading-areas';

describe('loading-area filters', () => {
  it('drops what a hand-edited link got wrong: a day that is not one, an unknown kind, a blank plate', () => {
    expect(readPeriod({ from: '2026-13-45', to: 'yesterday' }, '2026-12-07')).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
    });
    expect(toAnomaliesQuery({ from: '2026-12-01', to: '2026-12-01', kind: 'ghost' }, '2026-12-07')).toEqual({
      from: '2026-12-01T00:00:00+08:00',
      to: '2026-12-02T00:00:00+08:00',
      limit: 200,
    });
    expect(toSightingsQuery({ plate: '   ' }, '2026-12-07')).toEqual({
      from: '2026-12-01T00:00:00+08:00',
      to: '2026-12-08T00:00:00+08:00',
      limit: 200,
    });
  });

  it('links the refusals of an anomaly without a searched-from day to its own Beijing day', () => {
    const link = refusalsLink('e 1', {
      anomalyId: 'a',
      kind: 'refused-seen-inside',
      plate: '冀C30003',
      // 00:30 on 2 December in Beijing.
      at: '2026-12-01T16:30:00.000Z',
      reason: '',
      detectedAt: '2026-12-01T16:30:00.000Z',
      evidence: {
        sightingId: 's',
        cameraId: 'c',
        frame: null,
        crop: null,
        passageIds: [],
        refusalIds: ['r'],
        searchedFrom: null,
        clip: null,
      },
    });
    expect(link).toBe(
      `/e/e%201/passages?view=refused&plate=${encodeURIComponent('冀C30003')}&from=2026-12-02&to=2026-12-02`,
    );
  });
});
