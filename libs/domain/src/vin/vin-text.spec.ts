import fc from 'fast-check';
import { normaliseVinText } from './vin-text';

describe('normaliseVinText', () => {
  it.each([
    ['upper case and trimmed', ' lsvag2186e2100001 ', 'LSVAG2186E2100001'],
    ['separators removed', 'LSV-AG2186.E2100001', 'LSVAG2186E2100001'],
    ['letters never changed into digits', 'LSVAG2186E21000O1', 'LSVAG2186E21000O1'],
  ])('%s', (_case, raw, text) => {
    expect(normaliseVinText(raw)).toBe(text);
  });

  it('changes nothing the second time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (raw) => {
        const once = normaliseVinText(raw);
        expect(normaliseVinText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
