import { joinDoubleRowPlate } from './double-row';
import { parsePlate } from './parse-plate';

describe('joinDoubleRowPlate', () => {
  it.each([
    ['a yellow rear plate', '京E', 'A5331', '京EA5331'],
    ['a truck plate (sample we_15)', '渝D', '00796', '渝D00796'],
    ['a trailer plate', '鲁Q', '1234挂', '鲁Q1234挂'],
    ['an armed-police double-row plate', 'WJ京', '1234X', 'WJ京1234X'],
    ['a military double-row plate', 'VA', '30093', 'VA30093'],
    ['rows read bottom first', 'A5331', '京E', '京EA5331'],
    ['rows with separators and full width', '京·Ｅ', ' a5331 ', '京EA5331'],
    ['an empty top row', '', '京EA5331', '京EA5331'],
    ['an empty bottom row', '京E', '', '京E'],
  ])('joins %s', (_case, top, bottom, joined) => {
    expect(joinDoubleRowPlate(top, bottom)).toBe(joined);
  });

  it('gives text that parsePlate reads as a large vehicle when the plate is yellow', () => {
    const result = parsePlate(joinDoubleRowPlate('京E', 'A5331'), { colour: 'yellow' });
    expect(result.ok && result.value.kind).toBe('large');
  });

  it('does not throw for non-strings from untyped callers', () => {
    expect(joinDoubleRowPlate(undefined as unknown as string, null as unknown as string)).toBe('');
  });
});
