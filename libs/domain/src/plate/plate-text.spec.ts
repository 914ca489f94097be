import fc from 'fast-check';
import { normalisePlateText } from './plate-text';

describe('normalisePlateText', () => {
  it.each([
    ['a clean plate', '京A12345', '京A12345'],
    ['full-width letters and digits', '京Ａ１２３４５', '京A12345'],
    ['lower case', '粤bd01366', '粤BD01366'],
    ['the GA 36 middle dot', '京A·12345', '京A12345'],
    ['spaces, ideographic spaces and tabs', ' 京 A\u300012345\t', '京A12345'],
    ['dots, bullets and katakana middle dots', '京A.123•4・5', '京A12345'],
    ['hyphens and dashes', 'WJ-京‐1234–X', 'WJ京1234X'],
    ['underscores', '_无_', '无'],
    ['zero-width and control characters', '京\u200bA\u000012345\ufeff', '京A12345'],
    ['traditional plate characters', '粵ZR066港', '粤ZR066港'],
    ['a traditional suffix', '魯Q1234掛', '鲁Q1234挂'],
    ['circled digits', '京A①②345', '京A12345'],
    ['the empty string', '', ''],
    ['emoji, which stay (parsePlate rejects them)', '京A😀', '京A😀'],
    ['letters O and I, which stay (parsePlate repairs them)', '京AO12I4', '京AO12I4'],
  ])('folds %s', (_case, raw, folded) => {
    expect(normalisePlateText(raw)).toBe(folded);
  });

  it('returns an empty string for a non-string from untyped callers', () => {
    expect(normalisePlateText(undefined as unknown as string)).toBe('');
    expect(normalisePlateText(42 as unknown as string)).toBe('');
  });

  it('keeps a lone surrogate without throwing', () => {
    expect(normalisePlateText('京\ud800A')).toBe('京\ud800A');
  });

  it('changes nothing the second time, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
        const once = normalisePlateText(raw);
        expect(normalisePlateText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing the second time, for plate-like text with noise', () => {
    const unit = fc.constantFrom(...'京粤黑WJ使ADOIoi0189·.- ＡＯ１\u3000掛學粵\u200b'.split(''));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (raw) => {
        const once = normalisePlateText(raw);
        expect(normalisePlateText(once)).toBe(once);
      }),
    );
  });
});
