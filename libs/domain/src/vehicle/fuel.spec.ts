import {
  combustionFuelsOf,
  FUEL_LABELS,
  FUELS,
  isFuel,
  isZeroEmissionFuel,
  type CombustionFuel,
  type Fuel,
} from './fuel';

describe('fuels', () => {
  it.each<[Fuel, boolean, CombustionFuel[]]>([
    ['diesel', false, ['diesel']],
    ['gasoline', false, ['gasoline']],
    ['natural-gas', false, ['natural-gas']],
    ['hybrid', false, ['diesel', 'gasoline', 'natural-gas']],
    ['electric', true, []],
    ['hydrogen', true, []],
  ])('%s: zero emission %s, burns %p', (fuel, zero, burns) => {
    expect(isZeroEmissionFuel(fuel)).toBe(zero);
    expect(combustionFuelsOf(fuel)).toEqual(burns);
  });

  it.each<[unknown, boolean]>([
    ['hydrogen', true],
    ['LNG', false],
    [null, false],
  ])('recognises %p as a fuel: %s', (value, expected) => {
    expect(isFuel(value)).toBe(expected);
  });

  it('labels every fuel', () => {
    expect(FUELS.every((fuel) => FUEL_LABELS[fuel].zh && FUEL_LABELS[fuel].en)).toBe(true);
  });
});
