import { boxMean, dilate, median, normaliseContrast, quantile, sobelMagnitude } from './filters';

describe('image filters', () => {
  it('box mean averages over the clamped window', () => {
    const plane = Float32Array.from([0, 0, 9, 9]);
    expect(Array.from(boxMean(plane, 4, 1, 1))).toEqual([0, 3, 6, 9]);
  });

  it('sobel gives 1 for a ramp of 1 per pixel and 0 on a flat plane', () => {
    const ramp = Float32Array.from({ length: 25 }, (_, i) => i % 5);
    expect(sobelMagnitude(ramp, 5, 5)[12]).toBeCloseTo(1);
    expect(Math.max(...sobelMagnitude(new Float32Array(25).fill(7), 5, 5))).toBe(0);
  });

  it('contrast normalisation makes a dim and a bright step alike', () => {
    const step = (low: number, high: number) =>
      Float32Array.from({ length: 64 }, (_, i) => (i % 8 < 4 ? low : high));
    const bright = normaliseContrast(step(50, 250), 8, 8, 2, 3);
    const dim = normaliseContrast(step(10, 60), 8, 8, 2, 3);
    expect(dim[3]! / bright[3]!).toBeGreaterThan(0.85);
  });

  it('dilates by the given Chebyshev radius', () => {
    const mask = new Uint8Array(25);
    mask[12] = 1;
    const out = dilate(mask, 5, 5, 1);
    expect(out.reduce((n, v) => n + v, 0)).toBe(9);
    expect(out[6]).toBe(1);
    expect(out[0]).toBe(0);
  });

  it('quantile and median', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([], 0.5)).toBe(0);
    expect(median([1, 2, 3, 100])).toBe(3);
  });
});
