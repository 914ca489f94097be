import { type Plate } from './plate';
import { parsePlate } from './parse-plate';

const parsed = (raw: string, hint?: Parameters<typeof parsePlate>[1]): Plate => {
  const result = parsePlate(raw, hint);
  if (!result.ok) throw new Error(`${raw}: ${result.error.code} ${result.error.reason}`);
  return result.value;
};

// Labels of the real crops in shared/samples/plates/crops (CCPD-derived, mostly blue parking plates).
const CROPS = `京PL3N67 川JK0707 沪AMS087 沪C21F13 沪C8GK31 浙A6MX97 浙BR7S63 浙C510W8 浙D137ET 浙D335DZ
浙D911SY 浙G0699P 浙J2K181 湘E269JY 皖A00E66 皖A06S56 皖A0T999 皖A0Y000 皖A13W08 皖A15C18 皖A27E73 皖A2G119
皖A2V257 皖A30J56 皖A33Q56 皖A390X1 皖A3F639 皖A41E23 皖A45G33 皖A4K651 皖A4X969 皖A512T3 皖A531J3 皖A55756
皖A596C7 皖A5S939 皖A72P33 皖A76Q38 皖A77Q40 皖A7E070 皖A7Y669 皖A85H73 皖A8R966 皖A996V0 皖A9D113 皖AAE500
皖AB2A88 皖AC1758 皖AC6R92 皖AC8J48 皖AD168D 皖AD702S 皖ADA772 皖ADF829 皖AE877C 皖AEE227 皖AFC554 皖AFM554
皖AG017H 皖AG382X 皖AG9C26 皖AH625K 皖AHX511 皖AJ1M10 皖AJ596Y 皖AJ6D89 皖AK663T 皖AKA355 皖AKM185 皖AL1R08
皖AL8068 皖ALP957 皖AME066 皖ANL781 皖ANT201 皖AP3063 皖AP9802 皖APM618 皖AQ2378 皖AR5J25 皖ARN868 皖AS058A
皖AS896V 皖ASE186 皖ASR727 皖ASZ600 皖AT2419 皖ATP208 皖AUS029 皖AVH276 皖AW283F 皖AWG139 皖AX726L 皖AX8007
皖AY008J 皖AY3R00 皖AY605B 皖AY800C 皖AYR633 皖AZ1X26 皖AZ8W20 皖DG8266 皖EDJ399 皖GC2689 粤A3ZB32 苏A0X3B2
苏A57NT9 苏A8DC31 苏AP48A8 苏E5YR23 苏E9CD08 豫KMZ810 豫RM6396 闽D33U29 鲁Q08F99 鲁R8D57Z`.split(/\s+/);

describe('parsePlate: GA 36-2018 layouts', () => {
  it.each([
    // [text, kind, province, authority, serial, suffix] — real plates from the sample scenes where possible.
    ['川A8H458', 'ordinary', '川', 'A', '8H458', undefined],
    ['辽DU4356', 'ordinary', '辽', 'D', 'U4356', undefined],
    ['鲁Q1234挂', 'trailer', '鲁', 'Q', '1234', '挂'],
    ['琼A6716学', 'coach', '琼', 'A', '6716', '学'],
    ['黑AD03210', 'new-energy-small', '黑', 'A', 'D03210', undefined],
    ['粤BD01366', 'new-energy-small', '粤', 'B', 'D01366', undefined],
    ['沪AF71017', 'new-energy-small', '沪', 'A', 'F71017', undefined],
    ['鲁QF02599', 'new-energy-small', '鲁', 'Q', 'F02599', undefined],
    ['冀A12345D', 'new-energy-large', '冀', 'A', '12345D', undefined],
    ['晋B67890F', 'new-energy-large', '晋', 'B', '67890F', undefined],
    ['粤A0001警', 'police', '粤', 'A', '0001', '警'],
    ['浙O1234警', 'police', '浙', 'O', '1234', '警'],
    ['WJ京1234X', 'armed-police', '京', undefined, '1234X', undefined],
    ['WJ琼12345', 'armed-police', '琼', undefined, '12345', undefined],
    ['WJ12345', 'armed-police', undefined, undefined, '12345', undefined],
    ['VA30093', 'military', undefined, undefined, 'VA30093', undefined],
    ['使014001', 'embassy', undefined, undefined, '014001', undefined],
    ['沪A1707领', 'consulate', '沪', 'A', '1707', '领'],
    ['粤ZR066港', 'hong-kong', '粤', 'Z', 'R066', '港'],
    ['粤ZEP33港', 'hong-kong', '粤', 'Z', 'EP33', '港'],
    ['粤Z1234澳', 'macau', '粤', 'Z', '1234', '澳'],
    ['琼X1234应急', 'emergency', '琼', undefined, 'X1234', '应急'],
    ['民航B9016', 'civil-aviation', undefined, undefined, 'B9016', undefined],
  ])('reads %s as %s', (text, kind, province, authority, serial, suffix) => {
    const plate = parsed(text);
    expect(plate).toMatchObject({ text, kind, serial, repairs: [], warnings: [] });
    expect(plate.province).toBe(province);
    expect(plate.authority).toBe(authority);
    expect(plate.suffix).toBe(suffix);
  });

  it.each([
    ['粤BD01366', 'pure-electric'],
    ['京AA12345', 'pure-electric'],
    ['京AB12345', 'pure-electric'],
    ['京AC12345', 'pure-electric'],
    ['京AE12345', 'pure-electric'],
    ['沪AF71017', 'other'],
    ['京AG12345', 'other'],
    ['京AH12345', 'other'],
    ['京AJ12345', 'other'],
    ['京AK12345', 'other'],
    ['冀A12345D', 'pure-electric'],
    ['冀A12345F', 'other'],
  ])('tells the new-energy class of %s: %s', (text, newEnergy) => {
    expect(parsed(text).newEnergy).toBe(newEnergy);
  });

  it('leaves newEnergy out of plates that are not new energy', () => {
    expect(parsed('京A12345')).not.toHaveProperty('newEnergy');
  });

  it.each(CROPS)('reads the real crop %s cleanly', (text) => {
    expect(parsed(text)).toMatchObject({ text, kind: 'ordinary', repairs: [] });
  });

  it.each(CROPS)('reads the real blue crop %s as a small vehicle when the camera says blue', (text) => {
    expect(parsed(text, { colour: 'blue' }).kind).toBe('small');
  });
});

describe('parsePlate: a province that is also a colour word', () => {
  // Found by the property test: 黑 + W + JA0000 was read as a black 'WJA0000' armed-police plate.
  it.each([
    ['黑WJA0000', '黑WJA0000', 'new-energy-small'],
    ['黑黑A12345', '黑A12345', 'ordinary'],
  ])('%s reads as %s', (raw, text, kind) => {
    const result = parsePlate(raw);
    expect(result.ok && { text: result.value.text, kind: result.value.kind }).toEqual({ text, kind });
  });
});
