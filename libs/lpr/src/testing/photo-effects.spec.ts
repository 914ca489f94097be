import sharp from 'sharp';
import {
  darkened,
  decodeRgb,
  encodeJpeg,
  noisy,
  pasteInPerspective,
  pageQuadInPhoto,
  photograph,
  placeInPerspective,
  seededRandom,
  withGlare,
} from './photo-effects';

/** A 40×20 page: white, with a black left half (to see where it lands). */
function page() {
  const width = 40;
  const height = 20;
  const data = new Uint8Array(width * height * 3).fill(255);
  for (let y = 0; y < height; y++) data.fill(0, y * width * 3, y * width * 3 + (width / 2) * 3);
  return { width, height, data };
}

describe('photo effects', () => {
  it('repeats a seeded sequence exactly, and another seed gives another', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(seededRandom(8)()).not.toBe(first[0]);
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it('places a straight page in the middle of a margin, and a turned page inside a larger frame', () => {
    const straight = pageQuadInPhoto({ width: 100, height: 50 }, { scale: 0.5 });
    expect(straight.width).toBe(58); // 50 + 2 × 8 % margin
    expect(straight.quad[0]).toEqual({ x: 4, y: 4 });
    expect(straight.quad[2]).toEqual({ x: 54, y: 29 });
    const turned = pageQuadInPhoto({ width: 100, height: 50 }, { rotationDeg: 30 });
    expect(turned.width).toBeGreaterThan(116);
    expect(turned.height).toBeGreaterThan(66);
  });

  it('maps page pixels onto the photo (the black half stays left) with the desk around it', () => {
    const photo = placeInPerspective(page(), {});
    const at = (x: number, y: number) => photo.data[(y * photo.width + x) * 3];
    expect(at(0, 0)).toBe(92); // the desk
    expect(at(10, 10)).toBe(0);
    expect(at(35, 10)).toBe(255);
  });

  it('darkens by the gain, with the shadow deepening to the bottom', () => {
    const white = { width: 1, height: 3, data: new Uint8Array(9).fill(200) };
    expect([...darkened(white, 0.5, 0.5).data]).toEqual([100, 100, 100, 75, 75, 75, 50, 50, 50]);
  });

  it('adds noise of about the requested spread, clamped to 8 bits', () => {
    const grey = { width: 100, height: 100, data: new Uint8Array(30000).fill(128) };
    const values = [...noisy(grey, 10, seededRandom(1)).data];
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean - 128)).toBeLessThan(1);
    expect(sd).toBeGreaterThan(9);
    expect(sd).toBeLessThan(11);
  });

  it('makes the same JPEG for the same seed and conditions', async () => {
    const conditions = { rotationDeg: 12, tilt: 0.1, blurSigma: 1, brightness: 0.6, noiseSigma: 6 };
    const a = await photograph(page(), conditions, 3);
    expect(a.equals(await photograph(page(), conditions, 3))).toBe(true);
    expect(a.equals(await photograph(page(), conditions, 4))).toBe(false);
    expect((await sharp(a).metadata()).format).toBe('jpeg');
  });

  it('adds noise only inside a region when given one', () => {
    const grey = { width: 10, height: 10, data: new Uint8Array(300).fill(128) };
    const out = noisy(grey, 20, seededRandom(2), { left: 2, top: 3, right: 5, bottom: 6 });
    const changed = (x: number, y: number) => out.data[(y * 10 + x) * 3] !== 128;
    expect(changed(0, 0) || changed(9, 9) || changed(5, 3) || changed(2, 6)).toBe(false);
    expect([2, 3, 4].some((x) => [3, 4, 5].some((y) => changed(x, y)))).toBe(true);
  });

  it('pastes an image onto a quad of the scene, leaving the rest of the scene', () => {
    const scene = { width: 60, height: 40, data: new Uint8Array(60 * 40 * 3).fill(50) };
    const quad = [
      { x: 10, y: 10 },
      { x: 49, y: 10 },
      { x: 49, y: 29 },
      { x: 10, y: 29 },
    ] as const;
    const out = pasteInPerspective(scene, page(), quad);
    const at = (x: number, y: number) => out.data[(y * 60 + x) * 3];
    expect([at(5, 5), at(55, 35)]).toEqual([50, 50]);
    expect(at(15, 20)).toBe(0); // the page's black left half
    expect(at(45, 20)).toBe(255);
    expect(scene.data[(20 * 60 + 15) * 3]).toBe(50); // the scene itself is untouched
  });

  it('pulls pixels towards white around a glare, most at its centre, not beyond its radius', () => {
    const grey = { width: 21, height: 1, data: new Uint8Array(63).fill(100) };
    const out = withGlare(grey, { x: 10, y: 0 }, 8, 0.5);
    expect(out.data[30]).toBe(178); // 100 + 155 × 0.5
    expect(out.data[3 * 14]).toBeGreaterThan(100);
    expect(out.data[3 * 14]).toBeLessThan(178);
    expect(out.data[0]).toBe(100);
  });

  it('decodes a JPEG back to RGB, shrunk to fit a side', async () => {
    const photo = await encodeJpeg(page(), 95);
    const full = await decodeRgb(photo);
    expect([full.width, full.height]).toEqual([40, 20]);
    const small = await decodeRgb(photo, 10);
    expect([small.width, small.height]).toEqual([10, 5]);
  });
});
