import { parsePlate } from './parse-plate';
import { type PlateColour } from './plate-colour';

const read = (raw: string, colour?: PlateColour) => {
  const result = parsePlate(raw, colour === undefined ? undefined : { colour });
  if (!result.ok) throw new Error(result.error.reason);
  return result.value;
};

describe('parsePlate: colour, size and trust', () => {
  it.each([
    // Blue and yellow plates share one layout: only the colour tells a car from a heavy truck.
    ['京A12345', undefined, 'ordinary', 'unknown', 'none'],
    ['京A12345', 'blue', 'small', 'blue', 'hint'],
    ['渝D00796', 'yellow', 'large', 'yellow', 'hint'],
    ['京EA5331', 'unknown', 'ordinary', 'unknown', 'none'],
    ['京A12345', 'white', 'ordinary', 'white', 'hint'],
    ['鲁Q1234挂', undefined, 'trailer', 'yellow', 'implied'],
    ['粤BD01366', undefined, 'new-energy-small', 'green', 'implied'],
    ['冀A12345D', undefined, 'new-energy-large', 'yellow-green', 'implied'],
    ['粤A0001警', undefined, 'police', 'white', 'implied'],
    ['使014001', undefined, 'embassy', 'black', 'implied'],
    ['琼X1234应急', undefined, 'emergency', 'unknown', 'none'],
  ] as const)('%s with colour %p is %s, colour %s from %s', (raw, hint, kind, colour, source) => {
    expect(read(raw, hint)).toMatchObject({ kind, colour, colourSource: source });
  });

  it.each([
    // Hikvision prefixes the colour word to licensePlate on some firmware.
    ['蓝皖A7XG66', '皖A7XG66', 'small', 'blue'],
    ['蓝苏A8HK52', '苏A8HK52', 'small', 'blue'],
    ['黄冀B12345', '冀B12345', 'large', 'yellow'],
    ['绿粤BD01366', '粤BD01366', 'new-energy-small', 'green'],
    ['黄绿冀A12345D', '冀A12345D', 'new-energy-large', 'yellow-green'],
    ['白VA30093', 'VA30093', 'military', 'white'],
    // 黑 is also Heilongjiang: it is a colour word only when a province follows.
    ['黑黑A12345', '黑A12345', 'ordinary', 'black'],
  ] as const)('takes the colour word off %s', (raw, text, kind, colour) => {
    expect(read(raw)).toMatchObject({ text, kind, colour, colourSource: 'text-prefix' });
  });

  it('keeps 黑 as Heilongjiang when a plate follows directly', () => {
    expect(read('黑AD03210')).toMatchObject({ text: '黑AD03210', province: '黑', colourSource: 'implied' });
  });

  it('lets the camera’s colour win over a colour word in the text', () => {
    expect(read('蓝皖A7XG66', 'yellow')).toMatchObject({
      kind: 'large',
      colour: 'yellow',
      colourSource: 'hint',
    });
  });

  it.each([
    ['京A12345', 'white'],
    ['京A12345', 'green'],
    ['鲁Q1234挂', 'blue'],
    ['粤BD01366', 'blue'],
    ['粤A0001警', 'yellow'],
    ['使014001', 'white'],
  ] as const)('warns when %s comes with %s', (raw, colour) => {
    expect(read(raw, colour).warnings).toEqual(['colour-mismatch']);
  });

  it.each([
    // Cameras without a yellow-green class report one of its halves.
    ['冀A12345D', 'yellow'],
    ['冀A12345D', 'green'],
    ['冀A12345D', 'yellow-green'],
    ['民航B9016', 'green'],
    ['琼X1234应急', 'white'],
    ['鲁Q1234挂', 'unknown'],
  ] as const)('does not warn when %s comes with %s', (raw, colour) => {
    expect(read(raw, colour).warnings).toEqual([]);
  });

  it('ignores a hint that is not one of our colours', () => {
    expect(read('京A12345', 'purple' as PlateColour)).toMatchObject({
      kind: 'ordinary',
      colourSource: 'none',
    });
  });
});
