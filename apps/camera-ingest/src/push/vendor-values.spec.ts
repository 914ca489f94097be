import { type PushAnomaly } from './anpr-push.adapter';
import { confidenceToUnit, optionalInt, vendorToken } from './vendor-values';

const run = <T>(parse: (anomalies: PushAnomaly[]) => T): [T, string[]] => {
  const anomalies: PushAnomaly[] = [];
  const value = parse(anomalies);
  return [value, anomalies.map((a) => `${a.raw}: ${a.rule}`)];
};

describe('confidenceToUnit', () => {
  it.each([
    // The documented 0-100 scale passes unflagged.
    [0, 0, []],
    [96, 0.96, []],
    [100, 1, []],
    ['97', 0.97, []],
    // Other scales are normalised and flagged with the raw value.
    [0.93, 0.93, ['0.93: read-as-0-1']],
    [130, 0.51, ['130: rescaled-0-255']],
    [200, 0.78, ['200: rescaled-0-255']],
    [255, 1, ['255: rescaled-0-255']],
    [256, 0.26, ['256: rescaled-0-1000']],
    [960, 0.96, ['960: rescaled-0-1000']],
    [1200, 1, ['1200: clamped']],
    [-5, 0, ['-5: clamped']],
    // Nothing usable: 0, as if the camera claimed nothing.
    ['high', 0, ['"high": not-a-number']],
    [undefined, 0, ['undefined: not-a-number']],
    [null, 0, ['null: not-a-number']],
    [{ value: 90 }, 0, ['{"value":90}: not-a-number']],
  ])('%j gives %d', (value, expected, flagged) => {
    expect(run((a) => confidenceToUnit('confidence', value, a))).toEqual([expected, flagged]);
  });

  it('cuts the raw value it keeps to 32 characters', () => {
    const [, [flagged]] = run((a) => confidenceToUnit('confidence', 'x'.repeat(100), a));
    expect(flagged).toBe(`"${'x'.repeat(31)}: not-a-number`);
  });
});

describe('optionalInt', () => {
  const range = { min: 0, max: 999 };
  it.each([
    [250, 250, []],
    [undefined, undefined, []],
    [1000, undefined, ['1000: ignored']],
    [-1, undefined, ['-1: ignored']],
    [2.5, undefined, ['2.5: ignored']],
    ['250', undefined, ['"250": ignored']],
  ])('%j gives %j', (value, expected, flagged) => {
    expect(run((a) => optionalInt('UTCMS', value, range, a))).toEqual([expected, flagged]);
  });

  it('names what the caller does instead', () => {
    expect(run((a) => optionalInt('isoffline', 2, { min: 0, max: 1 }, a, 'read-as-offline'))).toEqual([
      undefined,
      ['2: read-as-offline'],
    ]);
  });
});

describe('vendorToken', () => {
  it.each([
    ['Blue', 'Blue', []],
    [1, 1, []],
    [undefined, '', []],
    [{ colour: 'blue' }, '', ['{"colour":"blue"}: ignored']],
    [['blue', 'white'], '', ['["blue","white"]: ignored']],
  ])('%j gives %j', (value, expected, flagged) => {
    expect(run((a) => vendorToken('PlateColor', value, a))).toEqual([expected, flagged]);
  });
});
