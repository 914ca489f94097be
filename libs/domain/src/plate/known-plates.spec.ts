import { KnownPlates, type ReadCharacter, settleWithKnownPlates } from './known-plates';

const RULES = { minConfidence: 0.8 };

/** `doubtful` lists the positions read below the rules' confidence. */
const read = (text: string, ...doubtful: number[]): ReadCharacter[] =>
  Array.from(text, (char, i) => ({ char, confidence: doubtful.includes(i) ? 0.4 : 0.99 }));

const known = new KnownPlates(['冀A12345', '冀B67890', '冀B67899', '京C11111', 'WJ冀12345', '冀D12345D']);

describe('settleWithKnownPlates', () => {
  it('never changes a confident read, known or not', () => {
    expect(settleWithKnownPlates(read('冀A12346'), known, RULES)).toEqual({
      by: 'none',
      text: '冀A12346',
      settled: false,
      why: 'confident',
    });
  });

  it('corrects the one doubtful character to the one known plate that fits, keeping its position', () => {
    expect(settleWithKnownPlates(read('冀A12346', 6), known, RULES)).toEqual({
      by: 'registry-corrected',
      text: '冀A12345',
      settled: true,
      position: 6,
    });
  });

  it('confirms a doubtful character the recogniser read as the known plate has it', () => {
    expect(settleWithKnownPlates(read('冀A12345', 3), known, RULES)).toMatchObject({
      by: 'known-plate',
      text: '冀A12345',
      settled: true,
    });
  });

  it('leaves a read to review when two known plates fit (a guess could admit the wrong truck)', () => {
    // 冀B67890 and 冀B67899 differ only in the doubtful last character.
    expect(settleWithKnownPlates(read('冀B67898', 6), known, RULES)).toMatchObject({
      by: 'none',
      text: '冀B67898',
      why: 'several-known-plates',
    });
    // Also when the read is itself one of them.
    expect(settleWithKnownPlates(read('冀B67890', 6), known, RULES)).toMatchObject({
      why: 'several-known-plates',
    });
  });

  it('never changes a confident character, even one character away from a known plate', () => {
    // The doubtful character is the fourth; the difference from 冀A12345 is the confident last one.
    expect(settleWithKnownPlates(read('冀A12346', 3), known, RULES)).toMatchObject({
      by: 'none',
      why: 'unknown-plate',
    });
  });

  it('leaves a read with two doubtful characters to review', () => {
    expect(settleWithKnownPlates(read('冀A12346', 3, 6), known, RULES)).toMatchObject({
      by: 'none',
      why: 'several-doubtful',
    });
  });

  it('compares whole plates only: no match across lengths or formats', () => {
    expect(settleWithKnownPlates(read('冀D12345', 6), known, RULES)).toMatchObject({ why: 'unknown-plate' });
    expect(settleWithKnownPlates(read('WJ冀12346', 7), known, RULES)).toMatchObject({
      by: 'registry-corrected',
      text: 'WJ冀12345',
    });
  });

  describe('a province prior', () => {
    const HEBEI = { ...RULES, provincePrior: '冀' as const };

    it('confirms a doubtful province character read as the site province', () => {
      expect(settleWithKnownPlates(read('冀E55555', 0), known, HEBEI)).toEqual({
        by: 'province-prior',
        text: '冀E55555',
        settled: true,
        position: 0,
      });
    });

    it('never replaces one: trucks come from every province', () => {
      expect(settleWithKnownPlates(read('晋E55555', 0), known, HEBEI)).toMatchObject({
        by: 'none',
        text: '晋E55555',
        why: 'unknown-plate',
      });
    });

    it('never overrides a confident province character', () => {
      expect(settleWithKnownPlates(read('晋E55555', 4), known, HEBEI)).toMatchObject({ by: 'none' });
      expect(settleWithKnownPlates(read('晋E55555'), known, HEBEI)).toMatchObject({ by: 'none' });
    });

    it('yields to a known plate, and applies only where the first character is a province', () => {
      expect(settleWithKnownPlates(read('京A12345', 0), known, HEBEI)).toMatchObject({
        by: 'registry-corrected',
        text: '冀A12345',
      });
      // 京C11111 is known: the prior does not turn a known 京 plate into 冀.
      expect(settleWithKnownPlates(read('京C11111', 0), known, HEBEI)).toMatchObject({ by: 'known-plate' });
      // The W of a WJ plate is not a province.
      expect(settleWithKnownPlates(read('WJ晋99999', 0), known, HEBEI)).toMatchObject({
        why: 'unknown-plate',
      });
    });

    it('is not used without a configured province', () => {
      expect(settleWithKnownPlates(read('晋E55555', 0), known, RULES)).toMatchObject({
        why: 'unknown-plate',
      });
    });
  });
});

describe('KnownPlates', () => {
  it('files each plate once and finds it by any one-character difference', () => {
    const plates = new KnownPlates(['冀A12345', '冀A12345', '冀A12346']);
    expect(plates.size).toBe(2);
    expect(plates.has('冀A12345')).toBe(true);
    expect(plates.differingAt(Array.from('冀A1234X'), 6)).toEqual(['冀A12345', '冀A12346']);
    expect(plates.differingAt(Array.from('冀A1234X'), 5)).toEqual([]);
  });
});
