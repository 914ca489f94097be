import { type EmissionStage } from './emission-stage';
import { stageFromNrmmDisclosureNumber } from './stage-export-code';
import { stageFromVehicleDisclosureNumber } from './vehicle-disclosure-number';

describe('vehicle information-disclosure number (信息公开编号)', () => {
  it.each<[string, EmissionStage]>([
    ['CNZXG6A1234567890123', 'VI'],
    ['CN11G5000000000000', 'V'],
    [' cnzxg4abc00001 ', 'IV'],
  ])('reads the stage from characters 5–6 of %p', (number, stage) => {
    expect(stageFromVehicleDisclosureNumber(number)).toEqual({ ok: true, value: stage });
  });

  it('is not tied to the NRMM length: a vehicle number the NRMM reader refuses is read', () => {
    expect(stageFromNrmmDisclosureNumber('CNZXG6A1234567890123').ok).toBe(false);
  });

  it.each([
    ['no G marker', 'CNZXH6A1234567890123'],
    ['a digit out of range', 'CNZXG7A1234567890123'],
    ['too short', 'CNZXG6'],
    ['not letters and digits', 'CNZXG6-12345678'],
    ['empty', ''],
  ])('refuses %s', (_case, number) => {
    const result = stageFromVehicleDisclosureNumber(number);
    expect(!result.ok && result.error.code).toBe('bad-disclosure-number');
  });
});
