import { manualPassageBody } from './manual-passage';

const NOW = new Date('2025-03-01T12:00:00+08:00');
const valid = {
  gateId: 'G1',
  direction: 'in',
  plate: '京A12345',
  colour: 'blue',
  capturedAt: '2025-03-01T08:30:00',
  reason: '相机故障',
} as const;

describe('entering a passage by hand', () => {
  it('sends the passage as Shanghai time with its reason and idempotency key', () => {
    expect(
      manualPassageBody(
        { ...valid, laneId: ' L2 ', note: '', cargoName: '砂石', cargoTonnes: 12 },
        'r-1',
        NOW,
      ),
    ).toEqual({
      body: {
        requestId: 'r-1',
        gateId: 'G1',
        laneId: 'L2',
        direction: 'in',
        plate: '京A12345',
        colour: 'blue',
        capturedAt: '2025-03-01T08:30:00+08:00',
        reason: '相机故障',
        cargo: { name: '砂石', tonnes: 12 },
      },
    });
  });

  it('requires a reason, a plate the domain accepts and a time not in the future', () => {
    expect(manualPassageBody({ ...valid, reason: '   ' }, 'r', NOW)).toEqual({ problems: ['reason'] });
    expect(manualPassageBody({ ...valid, plate: '京A1234567' }, 'r', NOW)).toEqual({ problems: ['plate'] });
    expect(manualPassageBody({ ...valid, capturedAt: '2025-03-01T12:30:00' }, 'r', NOW)).toEqual({
      problems: ['future'],
    });
    expect(manualPassageBody({}, 'r', NOW)).toEqual({
      problems: ['gate', 'direction', 'plate', 'colour', 'capturedAt', 'reason'],
    });
  });
});
