import { cameraLanesSchema, camerasFilming } from './camera-lanes';

const cameras = cameraLanesSchema.parse([
  {
    enterpriseId: 'ent-1',
    siteId: 'site-a',
    cameraId: 'gate2-a',
    lanes: [{ gateId: 'gate-2', laneId: 'lane-1' }],
  },
  {
    enterpriseId: 'ent-1',
    siteId: 'site-a',
    cameraId: 'gate2-wide',
    lanes: [
      { gateId: 'gate-2', laneId: 'lane-1' },
      { gateId: 'gate-2', laneId: 'lane-2' },
    ],
  },
  {
    enterpriseId: 'ent-2',
    siteId: 'site-a',
    cameraId: 'gate2-a',
    lanes: [{ gateId: 'gate-2', laneId: 'lane-1' }],
  },
]);

describe('camerasFilming', () => {
  it('finds every camera of the enterprise and site that films the lane', () => {
    const lane = { enterpriseId: 'ent-1', siteId: 'site-a', gateId: 'gate-2', laneId: 'lane-1' };
    expect(camerasFilming(cameras, lane)).toEqual(['gate2-a', 'gate2-wide']);
    expect(camerasFilming(cameras, { ...lane, laneId: 'lane-2' })).toEqual(['gate2-wide']);
  });

  it("never picks another enterprise's or site's camera", () => {
    expect(
      camerasFilming(cameras, {
        enterpriseId: 'ent-3',
        siteId: 'site-a',
        gateId: 'gate-2',
        laneId: 'lane-1',
      }),
    ).toEqual([]);
    expect(
      camerasFilming(cameras, {
        enterpriseId: 'ent-1',
        siteId: 'site-b',
        gateId: 'gate-2',
        laneId: 'lane-1',
      }),
    ).toEqual([]);
  });
});

describe('cameraLanesSchema', () => {
  it('refuses a camera listed twice for one enterprise and a camera without lanes', () => {
    const camera = {
      enterpriseId: 'ent-1',
      siteId: 'site-a',
      cameraId: 'c1',
      lanes: [{ gateId: 'g', laneId: 'l' }],
    };
    expect(cameraLanesSchema.safeParse([camera, camera]).success).toBe(false);
    expect(cameraLanesSchema.safeParse([{ ...camera, lanes: [] }]).success).toBe(false);
    expect(cameraLanesSchema.safeParse([{ ...camera, cameraId: '../x' }]).success).toBe(false);
  });
});
