import { type TextRead } from '../engine/plate-engine.interface';
import { consensus } from './plate-pipeline';

const read = (text: string, confidence = 1, colour?: TextRead['colour']): TextRead => ({
  text,
  characters: Array.from(text).map((char) => ({ char, confidence })),
  masked: false,
  ...(colour ? { colour } : {}),
});

describe('consensus', () => {
  it('votes per position and scores a character by its mean probability over all crops', () => {
    const result = consensus([read('藏DT5022'), read('赣DT5022'), read('藏DT5022'), read('藏DT5022', 0.5)]);
    expect(result?.text).toBe('藏DT5022');
    // 藏: (1 + 1 + 0.5) / 4 crops; D: (1 + 1 + 1 + 0.5) / 4.
    expect(result?.characters[0]?.confidence).toBeCloseTo(0.625, 5);
    expect(result?.characters[1]?.confidence).toBeCloseTo(0.875, 5);
    expect(result?.agreeing).toBe(3);
  });

  it('takes the length most crops agree on; other lengths count against confidence', () => {
    const result = consensus([read('民B9016'), read('民航B9016'), read('民航B9016')]);
    expect(result?.text).toBe('民航B9016');
    expect(result?.characters[0]?.confidence).toBeCloseTo(2 / 3, 5);
  });

  it('takes the colour of the first framing', () => {
    const result = consensus([
      read('京A12345', 1, { colour: 'yellow', confidence: 0.7 }),
      read('京A12345', 1, { colour: 'blue', confidence: 0.9 }),
    ]);
    expect(result?.colour).toEqual({ colour: 'yellow', confidence: 0.7 });
  });

  it('has nothing to say about no reads', () => {
    expect(consensus([])).toBeUndefined();
  });
});
