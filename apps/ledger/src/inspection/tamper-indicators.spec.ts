import { anomalyIndicator, tamperIndicator } from './tamper-indicators';

const at = (time: string) => new Date(`2026-03-10T${time}:00.000Z`);
const period = { from: at('00:00'), until: at('12:00') };

describe('tamperIndicator', () => {
  it('counts episodes overlapping the period and their seconds inside it, per camera, the longest first', () => {
    const indicator = tamperIndicator(
      [
        // Began before the period: only its part inside counts (1 h).
        {
          cameraId: 'cam-a',
          kind: 'covered',
          startedAt: new Date('2026-03-09T23:00:00Z'),
          endedAt: at('01:00'),
        },
        { cameraId: 'cam-a', kind: 'shifted', startedAt: at('02:00'), endedAt: at('02:30') },
        // The camera's own alarm names no kind.
        { cameraId: 'cam-b', kind: null, startedAt: at('03:00'), endedAt: at('06:00') },
        // Outside the period: not counted.
        { cameraId: 'cam-c', kind: 'frozen', startedAt: at('12:00'), endedAt: at('13:00') },
        { cameraId: 'cam-c', kind: 'frozen', startedAt: at('00:00'), endedAt: at('00:00') },
      ],
      period,
      at('20:00'),
    );
    expect(indicator).toEqual({
      count: 3,
      seconds: 5400 + 10800,
      cameras: [
        { cameraId: 'cam-b', count: 1, seconds: 10800, kinds: ['camera-alarm'] },
        { cameraId: 'cam-a', count: 2, seconds: 5400, kinds: ['covered', 'shifted'] },
      ],
      open: 0,
    });
  });

  it('counts an open episode up to the period end, or up to now while the period lasts', () => {
    const open = [{ cameraId: 'cam-a', kind: 'too-dark', startedAt: at('10:00'), endedAt: null }];
    expect(tamperIndicator(open, period, at('20:00'))).toMatchObject({ count: 1, seconds: 7200, open: 1 });
    expect(tamperIndicator(open, period, at('11:00'))).toMatchObject({ count: 1, seconds: 3600, open: 1 });
  });

  it('is zero without episodes', () => {
    expect(tamperIndicator([], period, at('20:00'))).toEqual({ count: 0, seconds: 0, cameras: [], open: 0 });
  });
});

describe('anomalyIndicator', () => {
  it('counts each kind, zero for kinds without any, and totals the named kinds', () => {
    expect(
      anomalyIndicator([
        { kind: 'seen-without-entry', count: 2 },
        { kind: 'refused-seen-inside', count: 1 },
        { kind: 'seen-without-entry', count: 1 },
      ]),
    ).toEqual({
      byKind: {
        'seen-without-entry': 3,
        'entry-without-exit': 0,
        'exit-without-entry': 0,
        'refused-seen-inside': 1,
        'below-minimum-stage-during-alert': 0,
      },
      total: 4,
    });
  });
});
