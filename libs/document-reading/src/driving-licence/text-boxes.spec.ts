import { boxesFromProbabilityMap, DEFAULT_BOX_OPTIONS, type ProbabilityMap } from './text-boxes';

function mapWith(
  width: number,
  height: number,
  regions: { x0: number; y0: number; x1: number; y1: number; p: number }[],
): ProbabilityMap {
  const data = new Float32Array(width * height);
  for (const { x0, y0, x1, y1, p } of regions)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = p;
  return { width, height, data };
}

describe('boxesFromProbabilityMap', () => {
  it('finds each confident region, grown back by the unclip distance and scaled to the source', () => {
    const map = mapWith(64, 32, [
      { x0: 4, y0: 4, x1: 24, y1: 10, p: 0.9 },
      { x0: 30, y0: 20, x1: 60, y1: 26, p: 0.8 },
    ]);
    const boxes = boxesFromProbabilityMap(map, { x: 2, y: 2 });
    expect(boxes).toHaveLength(2);
    const [first] = boxes;
    // 20×6 region: grown by 20·6·1.5 / (2·26) ≈ 3.46 px on every side, then ×2.
    const grow = (20 * 6 * 1.5) / 52;
    expect(first?.quad[0].x).toBeCloseTo((4 - grow) * 2, 1);
    expect(first?.quad[0].y).toBeCloseTo((4 - grow) * 2, 1);
    expect(first?.quad[2].x).toBeCloseTo((24 + grow) * 2, 1);
    expect(first?.quad[2].y).toBeCloseTo((10 + grow) * 2, 1);
    expect(first?.score).toBeCloseTo(0.9);
  });

  it('drops regions below the score, and specks smaller than the minimum side', () => {
    const map = mapWith(64, 32, [
      { x0: 4, y0: 4, x1: 24, y1: 10, p: 0.5 },
      { x0: 40, y0: 20, x1: 42, y1: 22, p: 0.95 },
    ]);
    expect(boxesFromProbabilityMap(map, { x: 1, y: 1 }, DEFAULT_BOX_OPTIONS)).toEqual([]);
  });

  it('follows a tilted line rather than boxing it upright', () => {
    const width = 120;
    const height = 60;
    const data = new Float32Array(width * height);
    const slope = Math.tan((10 * Math.PI) / 180);
    for (let x = 10; x < 110; x++)
      for (let t = 0; t < 6; t++) data[Math.round(20 + x * slope + t) * width + x] = 0.9;
    const [box] = boxesFromProbabilityMap({ width, height, data }, { x: 1, y: 1 });
    const [tl, tr] = box?.quad ?? [];
    const angle = (Math.atan2((tr?.y ?? 0) - (tl?.y ?? 0), (tr?.x ?? 0) - (tl?.x ?? 0)) * 180) / Math.PI;
    expect(angle).toBeGreaterThan(8);
    expect(angle).toBeLessThan(12);
  });
});
