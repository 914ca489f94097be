import { manualPassageBody, newRequestId } from './manual-passage';

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

describe('the idempotency key', () => {
  it('is a v4 UUID also where randomUUID is missing (plain HTTP)', () => {
    const insecure = { getRandomValues: (array: Uint8Array) => array.fill(0xff) } as unknown as Crypto;
    expect(newRequestId(insecure)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newRequestId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
