import { rawImage } from '../testing/image-builders';
import { applyHomography, homography, type Quad, rectifiedSize, warpPerspective } from './perspective-warp';
import { type RawImage } from './raw-image';

const quad: Quad = [
  { x: 40, y: 30 },
  { x: 150, y: 45 },
  { x: 145, y: 90 },
  { x: 35, y: 70 },
];

/** A smooth plate pattern (bilinear sampling reproduces it closely). */
const plate = rawImage(80, 24, (x, y) => [
  Math.round(128 + 100 * Math.sin(x / 6)),
  Math.round(128 + 100 * Math.cos(y / 4)),
  Math.round((x * 255) / 79),
]);

/** Renders `plate` into a canvas inside `quad`: each canvas pixel looks up its plate coordinates. */
function renderIntoQuad(source: RawImage, target: Quad, width: number, height: number): RawImage {
  const rect: Quad = [
    { x: 0, y: 0 },
    { x: source.width - 1, y: 0 },
    { x: source.width - 1, y: source.height - 1 },
    { x: 0, y: source.height - 1 },
  ];
  const toPlate = homography(target, rect);
  if (!toPlate) throw new Error('degenerate quad');
  return rawImage(width, height, (x, y) => {
    const p = applyHomography(toPlate, { x, y });
    if (p.x < 0 || p.y < 0 || p.x > source.width - 1 || p.y > source.height - 1) return [0, 0, 0];
    const x0 = Math.min(Math.floor(p.x), source.width - 2);
    const y0 = Math.min(Math.floor(p.y), source.height - 2);
    const fx = p.x - x0;
    const fy = p.y - y0;
    const at = (xx: number, yy: number, c: number) => source.data[(yy * source.width + xx) * 3 + c] as number;
    const px = [0, 1, 2].map((c) =>
      Math.round(
        at(x0, y0, c) * (1 - fx) * (1 - fy) +
          at(x0 + 1, y0, c) * fx * (1 - fy) +
          at(x0, y0 + 1, c) * (1 - fx) * fy +
          at(x0 + 1, y0 + 1, c) * fx * fy,
      ),
    );
    return px as [number, number, number];
  });
}

describe('homography', () => {
  it('maps each corner onto its partner', () => {
    const rect: Quad = [
      { x: 0, y: 0 },
      { x: 99, y: 0 },
      { x: 99, y: 29 },
      { x: 0, y: 29 },
    ];
    const h = homography(rect, quad);
    expect(h).toBeDefined();
    rect.forEach((p, i) => {
      const q = applyHomography(h ?? [], p);
      expect(q.x).toBeCloseTo(quad[i]?.x ?? NaN, 6);
      expect(q.y).toBeCloseTo(quad[i]?.y ?? NaN, 6);
    });
  });

  it('has no answer for a degenerate quad', () => {
    const line: Quad = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
    ];
    expect(homography(line, quad)).toBeUndefined();
  });
});

describe('warpPerspective', () => {
  it('rectifies a plate drawn in perspective back to the original pixels', () => {
    const canvas = renderIntoQuad(plate, quad, 200, 120);
    const rectified = warpPerspective(canvas, quad, plate.width, plate.height);
    if (!rectified) throw new Error('no warp');
    let total = 0;
    let worst = 0;
    let count = 0;
    // Interior only: edge pixels blend with the black surround.
    for (let y = 1; y < plate.height - 1; y++) {
      for (let x = 1; x < plate.width - 1; x++) {
        for (let c = 0; c < 3; c++) {
          const i = (y * plate.width + x) * 3 + c;
          const error = Math.abs((rectified.data[i] as number) - (plate.data[i] as number));
          total += error;
          worst = Math.max(worst, error);
          count++;
        }
      }
    }
    expect(total / count).toBeLessThan(4);
    expect(worst).toBeLessThan(40);
  });

  it('is an exact crop for an axis-aligned quad', () => {
    const crop = warpPerspective(
      plate,
      [
        { x: 10, y: 5 },
        { x: 19, y: 5 },
        { x: 19, y: 9 },
        { x: 10, y: 9 },
      ],
      10,
      5,
    );
    for (let y = 0; y < 5; y++) {
      for (let x = 0; x < 10; x++) {
        const got = Array.from(crop?.data.subarray((y * 10 + x) * 3, (y * 10 + x) * 3 + 3) ?? []);
        const want = Array.from(
          plate.data.subarray(((y + 5) * 80 + x + 10) * 3, ((y + 5) * 80 + x + 10) * 3 + 3),
        );
        expect(got).toEqual(want);
      }
    }
  });

  it('fills what lies outside the source with 0', () => {
    const white = rawImage(20, 20, () => [255, 255, 255]);
    const crop = warpPerspective(
      white,
      [
        { x: -10, y: 0 },
        { x: 9, y: 0 },
        { x: 9, y: 9 },
        { x: -10, y: 9 },
      ],
      20,
      10,
    );
    expect(Array.from(crop?.data.subarray(0, 3) ?? [])).toEqual([0, 0, 0]);
    expect(Array.from(crop?.data.subarray(19 * 3, 20 * 3) ?? [])).toEqual([255, 255, 255]);
  });
});

describe('rectifiedSize', () => {
  it('takes the longer of opposite sides', () => {
    expect(rectifiedSize(quad)).toEqual({ width: 112, height: 45 }); // bottom edge hypot(110, 20) ≈ 111.8;
  });
});
