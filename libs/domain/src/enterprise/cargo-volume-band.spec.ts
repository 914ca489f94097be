import {
  alertVehicleRuleApplies,
  cargoVolumeBand,
  mayOmitBarrier,
  type CargoVolume,
  type CargoVolumeBand,
} from './cargo-volume-band';

describe('daily cargo-vehicle band (domain.md §1, §4)', () => {
  it.each<[number, CargoVolumeBand]>([
    [0, 'under-10'],
    [9, 'under-10'],
    [9.9, 'under-10'],
    [10, '10-or-more'],
    [250, '10-or-more'],
  ])('%d a day → %s', (count, band) => {
    expect(cargoVolumeBand(count)).toBe(band);
  });

  it.each<[string, CargoVolume, boolean, boolean]>([
    ['under 10, approved', { band: 'under-10', districtApproval: '石环〔2020〕12号' }, true, false],
    ['under 10, not approved', { band: 'under-10' }, false, false],
    ['under 10, blank approval', { band: 'under-10', districtApproval: '  ' }, false, false],
    ['10 or more, even with an approval', { band: '10-or-more', districtApproval: 'x' }, false, true],
  ])('%s: may omit barrier %s, orange/red rule applies %s', (_case, volume, omit, rule) => {
    expect(mayOmitBarrier(volume)).toBe(omit);
    expect(alertVehicleRuleApplies(volume)).toBe(rule);
  });
});
