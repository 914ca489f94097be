import { hasLane, placeOf } from './device-lane';

describe('placeOf', () => {
  it('gives a lane device its site and lane', () => {
    const place = placeOf({
      lane_id: 'l1',
      direction: 'in',
      gate_id: 'g1',
      site_id: 's1',
      time_zone: 'Asia/Shanghai',
    });
    expect(place).toEqual({
      site: { siteId: 's1', timeZone: 'Asia/Shanghai' },
      lane: { siteId: 's1', timeZone: 'Asia/Shanghai', gateId: 'g1', laneId: 'l1', direction: 'in' },
    });
    expect(hasLane(place)).toBe(true);
  });

  it('gives a loading-area camera its site and no lane', () => {
    const place = placeOf({
      lane_id: null,
      direction: null,
      gate_id: null,
      site_id: 's1',
      time_zone: 'Asia/Urumqi',
    });
    expect(place).toEqual({ site: { siteId: 's1', timeZone: 'Asia/Urumqi' }, lane: null });
    expect(hasLane(place)).toBe(false);
  });
});
