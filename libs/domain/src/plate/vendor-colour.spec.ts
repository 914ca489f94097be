import fc from 'fast-check';
import { ANPR_VENDORS } from './anpr-vendor';
import { PLATE_COLOURS } from './plate-colour';
import { normaliseVendorColour } from './vendor-colour';

describe('normaliseVendorColour', () => {
  it.each([
    // Hikvision ISAPI plateColor, including the spellings that differ between models.
    ['hikvision', 'blue', 'blue'],
    ['hikvision', 'yellow', 'yellow'],
    ['hikvision', 'white', 'white'],
    ['hikvision', 'White', 'white'],
    ['hikvision', 'black', 'black'],
    ['hikvision', 'green', 'green'],
    ['hikvision', 'yellowGreen', 'yellow-green'],
    ['hikvision', 'civilAviationBlack', 'black'],
    ['hikvision', 'civilAviationGreen', 'green'],
    ['hikvision', 'colorful', 'other'],
    ['hikvision', 'Color', 'other'],
    ['hikvision', 'other', 'other'],
    ['hikvision', '0xff', 'other'],
    ['hikvision', 'unknown', 'unknown'],
    // Hikvision SDK numeric VCA_PLATE_COLOR.
    ['hikvision', 0, 'blue'],
    ['hikvision', 1, 'yellow'],
    ['hikvision', 2, 'white'],
    ['hikvision', 3, 'black'],
    ['hikvision', 4, 'green'],
    ['hikvision', 5, 'black'],
    ['hikvision', 255, 'other'],
    // Dahua PlateColor strings and NetSDK codes.
    ['dahua', 'Blue', 'blue'],
    ['dahua', 'Yellow', 'yellow'],
    ['dahua', 'White', 'white'],
    ['dahua', 'Black', 'black'],
    ['dahua', 'Green', 'green'],
    ['dahua', 'ShadowGreen', 'green'],
    ['dahua', 'YellowGreen', 'yellow-green'],
    ['dahua', 'YellowbottomBlackText', 'yellow'],
    ['dahua', 'BluebottomWhiteText', 'blue'],
    ['dahua', 'BlackBottomWhiteText', 'black'],
    ['dahua', 'Red', 'other'],
    ['dahua', 'Other', 'other'],
    ['dahua', 'Unknown', 'unknown'],
    ['dahua', 2, 'blue'],
    ['dahua', 8, 'green'],
    ['dahua', '9', 'yellow-green'],
    // Vzenith colorType codes, as numbers or strings, and Chinese names.
    ['vzenith', 0, 'unknown'],
    ['vzenith', 1, 'blue'],
    ['vzenith', 2, 'yellow'],
    ['vzenith', 3, 'white'],
    ['vzenith', 4, 'black'],
    ['vzenith', 5, 'green'],
    ['vzenith', 6, 'yellow-green'],
    ['vzenith', '1', 'blue'],
    ['vzenith', ' 2 ', 'yellow'],
    ['vzenith', '蓝色', 'blue'],
    ['vzenith', '黄绿双拼', 'yellow-green'],
    ['vzenith', '渐变绿', 'green'],
  ] as const)('%s %p → %s', (vendor, token, colour) => {
    expect(normaliseVendorColour(vendor, token)).toEqual({ colour, raw: String(token), recognised: true });
  });

  it.each([
    ['hikvision', 'purple'],
    ['hikvision', 99],
    ['dahua', 'constructor'],
    ['dahua', '__proto__'],
    ['vzenith', 7],
    ['vzenith', -1],
    ['vzenith', 1.5],
    ['vzenith', Number.NaN],
    ['vzenith', ''],
  ] as const)('%s %p is unknown, raw kept, marked unrecognised', (vendor, token) => {
    expect(normaliseVendorColour(vendor, token)).toEqual({
      colour: 'unknown',
      raw: String(token),
      recognised: false,
    });
  });

  it('never throws and always answers with one of our colours', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ANPR_VENDORS),
        fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer()),
        (vendor, token) => {
          const { colour, raw } = normaliseVendorColour(vendor, token);
          expect(PLATE_COLOURS).toContain(colour);
          expect(raw).toBe(String(token));
        },
      ),
    );
  });

  it('does not throw for an unknown vendor or a non-token from untyped callers', () => {
    expect(normaliseVendorColour('uniview' as 'dahua', 1).colour).toBe('unknown');
    expect(normaliseVendorColour('dahua', null as unknown as string)).toEqual({
      colour: 'unknown',
      raw: '',
      recognised: false,
    });
  });
});
