import { isRepaired } from './plate';
import { parsePlate } from './parse-plate';

describe('parsePlate: O/0 and I/1 repairs', () => {
  it.each([
    // [raw, repaired text, repairs as index:from>to]
    ['京AO1234', '京A01234', ['2:O>0']],
    ['京A12I45', '京A12145', ['4:I>1']],
    ['京AOI2I4', '京A01214', ['2:O>0', '3:I>1', '5:I>1']],
    ['京a12o45', '京A12045', ['4:O>0']],
    ['粤BO2345D', '粤B02345D', ['2:O>0']],
    ['粤BDO1366', '粤BD01366', ['3:O>0']],
    ['粤BD0I366', '粤BD01366', ['4:I>1']],
    ['鲁QI234挂', '鲁Q1234挂', ['2:I>1']],
    ['使O14OO1', '使014001', ['1:O>0', '4:O>0', '5:O>0']],
    ['VA3OO93', 'VA30093', ['3:O>0', '4:O>0']],
    ['WJ京I234X', 'WJ京1234X', ['3:I>1']],
    // O is the police authority code of a provincial department, where 0 is never legal.
    ['粤01234警', '粤O1234警', ['1:0>O']],
  ])('repairs %s to %s and says where', (raw, text, repairs) => {
    const result = parsePlate(raw);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.text).toBe(text);
    expect(result.value.repairs.map((r) => `${r.index}:${r.from}>${r.to}`)).toEqual(repairs);
    expect(isRepaired(result.value)).toBe(true);
  });

  it.each([
    // A letter-only position where neither O nor 0 is legal: nothing to repair to.
    ['京O12345', 'bad-format'],
    ['京012345', 'bad-format'],
    ['京I12345', 'bad-format'],
    ['京112345', 'bad-format'],
    // The energy letter of a small new-energy plate is a letter; 0 is not repaired to D.
    ['粤B001366', 'bad-format'],
    // The last character of a large new-energy plate is D or F only.
    ['粤B12345O', 'bad-format'],
  ])('does not guess at %s (%s)', (raw, code) => {
    const result = parsePlate(raw);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });

  it('never repairs 1 to I or 0 to O in a serial', () => {
    const result = parsePlate('京A10101');
    expect(result.ok && result.value.text).toBe('京A10101');
    expect(result.ok && result.value.repairs).toEqual([]);
  });

  it('prefers a clean reading of one layout over a repaired reading of another', () => {
    // WJ + five digits is a clean armed-police headquarters plate, not a military one.
    const result = parsePlate('WJ12345');
    expect(result.ok && result.value.kind).toBe('armed-police');
  });

  it('reports no repair for a clean read', () => {
    const result = parsePlate('京A12345');
    expect(result.ok && isRepaired(result.value)).toBe(false);
  });
});
