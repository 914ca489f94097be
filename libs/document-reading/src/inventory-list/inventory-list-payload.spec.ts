import { parseInventoryListPayload } from './inventory-list-payload';

const NUMBER = 'CNZXG6ZJ00000000000103';
const VIN = 'LFWADRJF1J1004561';

describe('parseInventoryListPayload', () => {
  it.each([
    [
      'the disclosure site URL with both query keys',
      `https://www.vecc.org.cn/xxgk?xxgkbh=${NUMBER}&vin=${VIN}`,
    ],
    ['English query keys in any case', `http://example.cn/q?disclosureNumber=${NUMBER}&VIN=${VIN}`],
    ['pinyin keys', `https://example.cn/?xxgkh=${NUMBER}&clsbdh=${VIN}`],
    ['text lines', `机动车环保信息随车清单\n信息公开编号:${NUMBER}\nVIN:${VIN}`],
    [
      'full-width colons, spaces and lower case',
      `信息公开编号： cnzx g6zj 0000 0000 000103\r\n车辆识别代号：lfwadrjf1j1004561`,
    ],
    ['车辆识别代号(VIN) and semicolons', `信息公开编号=${NUMBER}；车辆识别代号（VIN） ${VIN}`],
    ['a URL line and a VIN line', `https://www.vecc.org.cn/xxgk?xxgkbh=${NUMBER}\nVIN:${VIN}`],
  ])('reads %s', (_, text) => {
    expect(parseInventoryListPayload(text)).toEqual({ disclosureNumber: NUMBER, vin: VIN, unreadable: [] });
  });

  it('names a field the code does not carry', () => {
    expect(parseInventoryListPayload(`https://www.vecc.org.cn/xxgk?xxgkbh=${NUMBER}`)).toEqual({
      disclosureNumber: NUMBER,
      unreadable: ['vin'],
    });
    expect(parseInventoryListPayload(`VIN:${VIN}`)).toEqual({ vin: VIN, unreadable: ['disclosureNumber'] });
  });

  it.each([
    ['a VIN with an O (a misprinted 0 is not corrected)', `信息公开编号:${NUMBER}\nVIN:LFWADRJF1J1OO4561`],
    ['a 16-character VIN', `信息公开编号:${NUMBER}\nVIN:LFWADRJF1J100456`],
    ['two different VINs', `信息公开编号:${NUMBER}\nVIN:${VIN}\nVIN:LFWADRJF1J1004562`],
  ])('leaves the VIN unreadable for %s', (_, text) => {
    expect(parseInventoryListPayload(text)).toEqual({ disclosureNumber: NUMBER, unreadable: ['vin'] });
  });

  it.each([
    ['no CN prefix', 'ZXG6ZJ00000000000103'],
    ['a symbol inside', 'CNZXG6ZJ0000#000000103'],
    ['too short', 'CNZXG6'],
  ])('leaves the disclosure number unreadable for %s', (_, number) => {
    expect(parseInventoryListPayload(`信息公开编号:${number}\nVIN:${VIN}`)).toEqual({
      vin: VIN,
      unreadable: ['disclosureNumber'],
    });
  });

  it('reads a labelled field with an empty value as unreadable, not as absent from the code', () => {
    expect(parseInventoryListPayload(`https://www.vecc.org.cn/xxgk?xxgkbh=&vin=${VIN}`)).toEqual({
      vin: VIN,
      unreadable: ['disclosureNumber'],
    });
  });

  it.each([
    ['a product link', 'https://shop.example.com/item?id=42&ref=qr'],
    ['a payment code', 'wxp://f2f0abcdefg'],
    ['plain text', 'Hello, 你好'],
    ['a VIN without its label', VIN],
    ['an empty code', ''],
  ])('answers undefined for %s (not an inventory-list code)', (_, text) => {
    expect(parseInventoryListPayload(text)).toBeUndefined();
  });
});
