import { parseVin } from './parse-vin';

describe('parseVin', () => {
  it('splits a VIN into WMI, VDS and VIS and reads the year code', () => {
    expect(parseVin('LSVAG2186E2100001')).toEqual({
      ok: true,
      value: {
        text: 'LSVAG2186E2100001',
        wmi: 'LSV',
        vds: 'AG2186',
        vis: 'E2100001',
        checkDigit: 'valid',
        modelYearCode: 'E',
        modelYearCandidates: [1984, 2014],
      },
    });
  });

  it.each([
    ['lower case', 'lsvag2186e2100001', 'LSVAG2186E2100001'],
    ['spaces and hyphens', 'LSV AG2186-E2100001', 'LSVAG2186E2100001'],
    ['full-width characters', 'ＬＳＶＡＧ２１８６Ｅ２１００００１', 'LSVAG2186E2100001'],
  ])('folds %s', (_case, raw, text) => {
    const result = parseVin(raw);
    expect(result.ok && result.value.text).toBe(text);
  });

  it.each([
    // Chinese VINs need not carry a correct check digit: a warning, not a rejection (domain.md §2).
    ['LSVAG2180E2100001', 'invalid'],
    ['1M8GDM9AXKP042788', 'valid'],
    ['WVWZZZ1JZ3W386752', 'not-applicable'],
  ])('accepts %s with check digit %s', (vin, verdict) => {
    const result = parseVin(vin);
    expect(result.ok && result.value.checkDigit).toBe(verdict);
  });

  it.each([
    ['nothing', '', 'empty'],
    ['only separators', ' - ', 'empty'],
    ['16 characters', 'LSVAG2186E210000', 'bad-length'],
    ['18 characters', 'LSVAG2186E21000011', 'bad-length'],
    ['a huge string', 'L'.repeat(100_000), 'bad-length'],
    ['the letter I', 'LSVAG2186E21000I1', 'bad-character'],
    ['the letter O', 'LSVAG2186E2100O01', 'bad-character'],
    ['the letter Q', 'LSVAG2186E2100Q01', 'bad-character'],
    ['Chinese characters', '京SVAG2186E2100001', 'bad-character'],
    ['an emoji', 'LSVAG2186E210000😀', 'bad-character'],
  ])('rejects %s', (_case, raw, code) => {
    const result = parseVin(raw);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('says which digit a rejected I, O or Q probably was, without changing it', () => {
    const result = parseVin('LSVAG2186E2100O01');
    expect(!result.ok && result.error.reason).toContain('misread 0');
  });

  it('gives no year candidates for a 10th character that is not a year code', () => {
    const result = parseVin('LSVAG2186U2100001');
    expect(result.ok && result.value.modelYearCandidates).toEqual([]);
  });

  it.each([undefined, null, 17, {}])('does not throw for %p from untyped callers', (raw) => {
    expect(parseVin(raw as unknown as string).ok).toBe(false);
  });
});
