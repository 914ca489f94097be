import fc from 'fast-check';
import { parsePlate } from './parse-plate';

const codeOf = (raw: string): string => {
  const result = parsePlate(raw);
  return result.ok ? `ok:${result.value.kind}` : result.error.code;
};

describe('parsePlate: rejections', () => {
  it.each([
    ['nothing', '', 'empty'],
    ['only separators', ' ·-. ', 'empty'],
    ['Hikvision’s no-plate word', '无车牌', 'no-plate'],
    ['another no-plate word', '无牌车', 'no-plate'],
    ['Vzenith’s no-plate word', '_无_', 'no-plate'],
    ['a province outside the 31', '台A12345', 'bad-province'],
    ['a misread province', '束A12345', 'bad-province'],
    ['a Hong Kong domestic plate', 'SN6497', 'bad-length'],
    ['a plate without its province', 'A12345', 'bad-length'],
    ['a plate with an extra character', '京A123456', 'bad-format'],
    ['nine characters', '京A1234567', 'bad-length'],
    ['a huge string', '京'.repeat(10_000), 'bad-length'],
    ['a string of 100 plate characters', '1'.repeat(100), 'bad-length'],
    ['an emoji', '京A1234😀', 'bad-character'],
    ['six characters once a control character is dropped', '京A1234\u0085', 'bad-length'],
    ['a wildcard from a recogniser', '?E28579', 'bad-character'],
    ['an asterisk wildcard', '京A12*45', 'bad-character'],
    ['a lone surrogate', '京A\ud80012345', 'bad-character'],
    ['Latin letters with accents', '京É12345', 'bad-character'],
    ['a green agricultural plate (not GA 36)', '皖1946673', 'bad-format'],
    ['I and O in the authority position', '京I12345', 'bad-format'],
    ['WJ with a province outside the 31', 'WJ台12345', 'bad-province'],
    ['a suffix in the middle', '京A挂1234', 'bad-format'],
    ['Hong Kong outside 粤Z', '粤B1234港', 'bad-format'],
    ['a large new-energy plate with a letter in the digits', '冀A1234AD', 'bad-format'],
    ['a small new-energy plate with a letter in the last four', '粤BD0136A', 'bad-format'],
    ['an embassy plate with five digits', '使01400', 'bad-length'],
    ['an embassy plate with a letter', '使01400A', 'bad-format'],
  ])('rejects %s', (_case, raw, code) => {
    expect(codeOf(raw)).toBe(code);
  });

  it('explains each rejection in words', () => {
    const result = parsePlate('台A12345');
    expect(!result.ok && result.error.reason).toContain('台');
  });

  it.each([undefined, null, 42, {}, []])('does not throw for %p from untyped callers', (raw) => {
    expect(parsePlate(raw as unknown as string).ok).toBe(false);
  });

  it('never throws, for any string and any hint', () => {
    const hint = fc.option(
      fc.record({ colour: fc.oneof(fc.string(), fc.constantFrom('blue', 'yellow', 'green')) }),
      {
        nil: undefined,
      },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), hint, (raw, h) => {
        const result = parsePlate(raw, h as Parameters<typeof parsePlate>[1]);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
