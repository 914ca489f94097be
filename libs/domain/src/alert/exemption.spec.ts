import { type AlertLevel } from './alert-level';
import { exemptionCovers, findActiveExemption, isExemptionActive, type Exemption } from './exemption';
import { anExemption } from './testing/plan-builder';
import { aVehicle } from './testing/vehicle-builder';

describe('exemption time box and levels (domain.md §4: explicit, time-boxed)', () => {
  const exemption = anExemption({
    kind: 'livelihood-supply',
    from: new Date('2024-03-01T00:00:00+08:00'),
    until: new Date('2024-03-08T00:00:00+08:00'),
    levels: ['orange', 'red'],
  });

  it.each<[string, string, AlertLevel, boolean]>([
    ['at its start', '2024-03-01T00:00:00+08:00', 'red', true],
    ['a second before its start', '2024-02-29T23:59:59+08:00', 'red', false],
    ['a second before its end', '2024-03-07T23:59:59+08:00', 'orange', true],
    ['at its end (half-open)', '2024-03-08T00:00:00+08:00', 'orange', false],
    ['inside, at a level it does not cover', '2024-03-02T00:00:00+08:00', 'yellow', false],
  ])('%s → %s', (_case, now, level, active) => {
    expect(isExemptionActive(exemption, level, new Date(now))).toBe(active);
  });

  it('covers every level when told so', () => {
    expect(
      isExemptionActive({ ...exemption, levels: 'all' }, 'blue', new Date('2024-03-02T00:00:00+08:00')),
    ).toBe(true);
  });
});

describe('which vehicles an exemption covers', () => {
  const hazmat = aVehicle().withPlate('冀B00001').designated('hazardous-chemicals').build();
  const plain = aVehicle().withPlate('冀B00002').build();

  it.each<[string, Exemption, boolean, boolean]>([
    [
      'a plate exemption listing the plate',
      anExemption({ kind: 'plate', plates: ['冀B00002'] }),
      false,
      true,
    ],
    [
      'a plate exemption, plate written loosely',
      anExemption({ kind: 'plate', plates: [' 冀b00002 '] }),
      false,
      true,
    ],
    ['a plate exemption not listing it', anExemption({ kind: 'plate', plates: ['冀B99999'] }), false, false],
    [
      'a designation exemption for all so designated',
      anExemption({ kind: 'hazardous-chemicals' }),
      true,
      false,
    ],
    [
      'a designation exemption narrowed to listed plates',
      anExemption({ kind: 'hazardous-chemicals', plates: ['冀B00001'] }),
      true,
      false,
    ],
    [
      'a designation exemption narrowed to other plates',
      anExemption({ kind: 'hazardous-chemicals', plates: ['冀B77777'] }),
      false,
      false,
    ],
    ['another designation', anExemption({ kind: 'special-vehicle' }), false, false],
  ])('%s: covers the hazmat truck %s, the plain truck %s', (_case, exemption, coversHazmat, coversPlain) => {
    expect(exemptionCovers(exemption, hazmat)).toBe(coversHazmat);
    expect(exemptionCovers(exemption, plain)).toBe(coversPlain);
  });

  it('finds the first exemption in force for the vehicle', () => {
    const expired = anExemption({
      kind: 'hazardous-chemicals',
      id: 'old',
      until: new Date('2024-01-02T00:00:00Z'),
    });
    const current = anExemption({ kind: 'hazardous-chemicals', id: 'current' });
    const now = new Date('2024-06-01T00:00:00Z');
    expect(findActiveExemption([expired, current], hazmat, 'red', now)?.id).toBe('current');
    expect(findActiveExemption([expired, current], plain, 'red', now)).toBeUndefined();
  });
});
