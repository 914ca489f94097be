import { dutyClassOf, isHeavyDuty, type DutyClass } from './duty-class';
import { type VehicleCategory } from './vehicle-category';

describe('duty class', () => {
  it.each<[number, boolean]>([
    [3499, false],
    [3500, false],
    [3501, true],
    [49_000, true],
  ])('%d kg is heavy-duty: %s (strictly above 3.5 t)', (mass, heavy) => {
    expect(isHeavyDuty(mass)).toBe(heavy);
  });

  it.each<[VehicleCategory, number | undefined, DutyClass | undefined]>([
    ['heavy-truck', undefined, 'heavy-duty'],
    ['medium-truck', undefined, 'heavy-duty'],
    ['tractor', undefined, 'heavy-duty'],
    ['car', undefined, 'light-duty'],
    ['light-truck', undefined, undefined],
    ['bus', undefined, undefined],
    ['special-purpose', undefined, undefined],
    ['three-wheeler', undefined, undefined],
    ['light-truck', 4495, 'heavy-duty'],
    ['light-truck', 3495, 'light-duty'],
    ['bus', 18_000, 'heavy-duty'],
    ['car', 0, 'light-duty'],
    ['heavy-truck', Number.NaN, 'heavy-duty'],
    ['trailer', 30_000, undefined],
    ['excavator', undefined, 'non-road'],
    ['forklift', 3000, 'non-road'],
  ])('%s of %p kg → %p', (category, mass, expected) => {
    expect(dutyClassOf(category, mass)).toBe(expected);
  });
});
