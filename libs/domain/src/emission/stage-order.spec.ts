import {
  EMISSION_STAGE_LABELS,
  EMISSION_STAGES,
  isEmissionStage,
  type EmissionStage,
} from './emission-stage';
import {
  compareStages,
  higherStage,
  isAtLeast,
  isAtMost,
  lowerStage,
  mayBeAtLeast,
  upperBoundOf,
} from './stage-order';

describe('emission stage order', () => {
  it('ranks the list lowest first, with VI and VIa equal', () => {
    const ranks = EMISSION_STAGES.map((stage) => compareStages(stage, 'none'));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(compareStages('VI', 'VIa')).toBe(0);
  });

  it.each<[EmissionStage, EmissionStage, boolean, boolean]>([
    ['V', 'V', true, true],
    ['IV', 'V', false, false],
    ['VIb', 'V', true, true],
    ['electric', 'VIb', true, true],
    ['none', '0', false, false],
    ['VI', 'VIa', true, true],
    ['VI', 'VIb', false, true],
    ['VIa', 'VIb', false, false],
    ['0', 'I', false, false],
  ])('%s against minimum %s: certainly %s, possibly %s', (stage, minimum, certain, possible) => {
    expect(isAtLeast(stage, minimum)).toBe(certain);
    expect(mayBeAtLeast(stage, minimum)).toBe(possible);
  });

  it.each<[EmissionStage, EmissionStage, boolean]>([
    ['IV', 'IV', true],
    ['III', 'IV', true],
    ['V', 'IV', false],
  ])('%s is at most %s: %s', (stage, maximum, expected) => {
    expect(isAtMost(stage, maximum)).toBe(expected);
  });

  it.each<[EmissionStage, EmissionStage, EmissionStage, EmissionStage]>([
    ['IV', 'V', 'IV', 'V'],
    ['V', 'IV', 'IV', 'V'],
    ['VI', 'VIa', 'VI', 'VI'],
    ['VIa', 'VI', 'VIa', 'VIa'],
  ])('lower/higher of %s and %s: %s / %s', (a, b, lower, higher) => {
    expect(lowerStage(a, b)).toBe(lower);
    expect(higherStage(a, b)).toBe(higher);
  });

  it('bounds an unspecified 国VI by VIb and nothing else', () => {
    expect(upperBoundOf('VI')).toBe('VIb');
    expect(upperBoundOf('V')).toBe('V');
  });

  it.each<[unknown, boolean]>([
    ['VIb', true],
    ['6b', false],
    [6, false],
  ])('%p is a stage: %s', (value, expected) => {
    expect(isEmissionStage(value)).toBe(expected);
  });

  it('labels every stage', () => {
    expect(EMISSION_STAGE_LABELS.IV).toEqual({ zh: '国四', en: 'China IV' });
    expect(EMISSION_STAGES.every((stage) => EMISSION_STAGE_LABELS[stage].zh.length > 0)).toBe(true);
  });
});
