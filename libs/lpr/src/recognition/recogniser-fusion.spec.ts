import { fuseCharacters } from './recogniser-fusion';

const chars = (text: string, confidence: number) => Array.from(text, (char) => ({ char, confidence }));

describe('fuseCharacters', () => {
  it('makes a character both recognisers read alike as sure as both being wrong at once is unlikely', () => {
    const fused = fuseCharacters(chars('冀A12345', 0.6), chars('冀A12345', 0.7));
    expect(fused?.map((c) => c.char).join('')).toBe('冀A12345');
    for (const c of fused ?? []) expect(c.confidence).toBeCloseTo(0.88, 10);
  });

  it('marks the characters they read differently doubtful, keeping the first reader’s', () => {
    const fused = fuseCharacters(chars('冀A12345', 0.99), chars('冀A12346', 0.99));
    expect(fused?.[6]).toEqual({ char: '5', confidence: 0 });
    expect(fused?.slice(0, 6).every((c) => c.confidence > 0.99)).toBe(true);
  });

  it('does not line up reads of different lengths', () => {
    expect(fuseCharacters(chars('冀A12345', 0.99), chars('冀A123456', 0.99))).toBeUndefined();
  });
});
