import { fitWidth, LEDGER_FIELD_WIDTHS, type WidthField } from './field-width';

describe('field widths: identifiers are refused, descriptions shortened', () => {
  it.each<[WidthField, number, 'reject' | 'truncate']>([
    ['plateNumber', 10, 'reject'],
    ['vin', 17, 'reject'],
    ['engineNumber', 32, 'reject'],
    ['registrationOrInternalNumber', 32, 'reject'],
    ['environmentalRegistrationCode', 32, 'reject'],
    ['machineCode', 64, 'reject'],
    ['cargoName', 32, 'truncate'],
    ['fleetName', 100, 'truncate'],
  ])('%s: %d characters, %s on overflow', (field, width, overflow) => {
    expect(LEDGER_FIELD_WIDTHS[field]).toEqual({ width, overflow });
  });

  it.each<[string, WidthField, string, ReturnType<typeof fitWidth>]>([
    [
      'a plate that fits',
      'plateNumber',
      '冀A12345',
      { ok: true, value: { value: '冀A12345', truncated: false } },
    ],
    [
      'a plate trimmed of spaces',
      'plateNumber',
      ' 冀A12345 ',
      { ok: true, value: { value: '冀A12345', truncated: false } },
    ],
    ['an 18-character VIN', 'vin', 'LFWSRXRJ1M1F123456', { ok: false, error: { width: 17, length: 18 } }],
    [
      'a long cargo name, counted in characters not bytes',
      'cargoName',
      '铁'.repeat(40),
      { ok: true, value: { value: '铁'.repeat(32), truncated: true } },
    ],
    [
      'an astral character counted once and never split',
      'cargoName',
      `${'𠀀'.repeat(33)}`,
      { ok: true, value: { value: '𠀀'.repeat(32), truncated: true } },
    ],
  ])('%s', (_case, field, raw, expected) => {
    expect(fitWidth(field, raw)).toEqual(expected);
  });
});
