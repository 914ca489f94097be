import { modelYearCandidates, pickModelYear } from './model-year';

describe('model year from the 10th VIN character (30-year cycle)', () => {
  it.each([
    ['A', [1980, 2010]],
    ['H', [1987, 2017]],
    ['J', [1988, 2018]],
    ['L', [1990, 2020]],
    ['M', [1991, 2021]],
    ['N', [1992, 2022]],
    ['P', [1993, 2023]],
    ['R', [1994, 2024]],
    ['S', [1995, 2025]],
    ['T', [1996, 2026]],
    ['Y', [2000, 2030]],
    ['1', [2001, 2031]],
    ['9', [2009, 2039]],
    ['l', [1990, 2020]],
  ])('%s → %p', (code, years) => {
    expect(modelYearCandidates(code)).toEqual(years);
  });

  it.each(['I', 'O', 'Q', 'U', 'Z', '0', '', 'AB', '京'])('%p is not a year code', (code) => {
    expect(modelYearCandidates(code)).toEqual([]);
  });

  it.each([
    [[1990, 2020], 2025, 2020],
    [[1990, 2020], 2020, 2020],
    [[1990, 2020], 2019, 1990],
    [[1996, 2026], 2026, 2026],
    [[1996, 2026], 2025, 1996],
    [[2009, 2039], 2008, undefined],
    [[], 2025, undefined],
  ])('picks from %p with reference %i → %p', (candidates, reference, year) => {
    expect(pickModelYear(candidates, reference)).toBe(year);
  });
});
