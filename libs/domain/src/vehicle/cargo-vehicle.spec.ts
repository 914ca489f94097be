import { isCargoVehicle, type CargoVehicleFacts } from './cargo-vehicle';

describe('isCargoVehicle (domain.md §1)', () => {
  it.each<[string, CargoVehicleFacts, boolean]>([
    ['a heavy truck', { category: 'heavy-truck' }, true],
    ['a tractor', { category: 'tractor' }, true],
    ['a trailer', { category: 'trailer' }, true],
    ['a light truck', { category: 'light-truck' }, true],
    ['a concrete mixer (special-purpose)', { category: 'special-purpose' }, true],
    ['a car', { category: 'car' }, false],
    ['a staff bus', { category: 'bus', use: 'passenger' }, false],
    ['a maintenance car', { category: 'car', use: 'maintenance' }, true],
    ['an inspection car', { category: 'car', use: 'inspection' }, true],
    ['an equipment-commissioning bus', { category: 'bus', use: 'commissioning' }, true],
    ['a car used for cargo', { category: 'car', use: 'cargo' }, true],
    ['a truck used for other things', { category: 'heavy-truck', use: 'other' }, true],
    ['a three-wheeler above 1 t', { category: 'three-wheeler', grossMassKg: 1500 }, true],
    ['a three-wheeler of exactly 1 t', { category: 'three-wheeler', grossMassKg: 1000 }, false],
    [
      'a light three-wheeler even on maintenance',
      { category: 'three-wheeler', grossMassKg: 800, use: 'maintenance' },
      false,
    ],
    ['a three-wheeler of unknown mass (gate must be covered)', { category: 'three-wheeler' }, true],
    ['an excavator (NRMM ledger instead)', { category: 'excavator', use: 'cargo' }, false],
  ])('%s → %s', (_case, facts, expected) => {
    expect(isCargoVehicle(facts)).toBe(expected);
  });
});
