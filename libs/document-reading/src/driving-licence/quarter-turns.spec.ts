import { type RawImage } from '@ecogate/lpr';
import { rotateQuarterTurns } from './quarter-turns';

// A 3×2 image whose red channel numbers its pixels row by row: 1 2 3 / 4 5 6.
const image: RawImage = {
  width: 3,
  height: 2,
  data: Uint8Array.from([1, 2, 3, 4, 5, 6].flatMap((v) => [v, 0, 0])),
};
const reds = (turned: RawImage) => Array.from(turned.data.filter((_, i) => i % 3 === 0));

describe('rotateQuarterTurns', () => {
  it('turns clockwise by quarter turns', () => {
    expect(rotateQuarterTurns(image, 0)).toBe(image);
    const once = rotateQuarterTurns(image, 1);
    expect([once.width, once.height]).toEqual([2, 3]);
    expect(reds(once)).toEqual([4, 1, 5, 2, 6, 3]);
    expect(reds(rotateQuarterTurns(image, 2))).toEqual([6, 5, 4, 3, 2, 1]);
    expect(reds(rotateQuarterTurns(image, 3))).toEqual([3, 6, 2, 5, 1, 4]);
  });

  it('gives the image back after four quarter turns', () => {
    const back = rotateQuarterTurns(
      rotateQuarterTurns(rotateQuarterTurns(rotateQuarterTurns(image, 1), 1), 1),
      1,
    );
    expect(back).toEqual(image);
  });
});
