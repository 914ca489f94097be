import { rawImage } from '../testing/image-builders';
import { joinDoubleRow } from './double-row';

describe('joinDoubleRow', () => {
  // A 40×24 plate: rows 0–9 red (province + letter), rows 10–23 blue (serial).
  const plate = rawImage(40, 24, (_, y) => (y < 10 ? [255, 0, 0] : [0, 0, 255]));

  it('puts the upper band, stretched to the lower band, left of the lower band', () => {
    const line = joinDoubleRow(plate);
    // Lower band = rows [floor(24/3), 24) = 16 rows; the line is twice as wide.
    expect([line.width, line.height]).toEqual([80, 16]);
    const pixel = (x: number, y: number) =>
      Array.from(line.data.subarray((y * 80 + x) * 3, (y * 80 + x) * 3 + 3));
    // Upper band is rows [0, floor(5·24/12)) = [0, 10): all red, so the left half is red.
    expect(pixel(5, 0)).toEqual([255, 0, 0]);
    expect(pixel(39, 15)).toEqual([255, 0, 0]);
    // Right half is the lower band as is: rows 8–9 red, then blue.
    expect(pixel(45, 0)).toEqual([255, 0, 0]);
    expect(pixel(45, 2)).toEqual([0, 0, 255]);
    expect(pixel(79, 15)).toEqual([0, 0, 255]);
  });

  it('copes with a plate only a few pixels tall', () => {
    const tiny = joinDoubleRow(rawImage(6, 2, () => [1, 2, 3]));
    expect([tiny.width, tiny.height]).toEqual([12, 2]);
  });
});
