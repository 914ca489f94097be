import { decide } from './admission-decision';
import { type Verdict } from './admission-reason';
import { type AlertLevel } from './alert-level';
import { type SevereLevelPolicy, type UnknownStageRule } from './emergency-plan';
import { type Lane } from './lane';
import { aPlan } from './testing/plan-builder';
import { aVehicle } from './testing/vehicle-builder';

const NOW = new Date('2024-12-01T08:00:00+08:00');
const AUTO: Lane = { id: 'gate-1-in', mode: 'auto' };

describe('decide: a vehicle without stage evidence follows the plan’s rule for unknowns', () => {
  const base = aPlan().build();

  it.each<[AlertLevel, UnknownStageRule, Verdict]>([
    ['red', 'needs-review', 'needs-review'],
    ['red', 'deny', 'deny'],
    ['orange', 'deny', 'deny'],
    ['yellow', 'allow', 'allow'],
    ['yellow', 'deny', 'deny'],
    ['blue', 'needs-review', 'needs-review'],
  ])('%s with rule %s → %s', (level, rule, verdict) => {
    const plan = aPlan()
      .withLevel(level as 'yellow', { requirements: base.levels.red.requirements, unknownStage: rule })
      .build();
    const decision = decide(plan, level, aVehicle().build(), AUTO, NOW);
    expect(decision.verdict).toBe(verdict);
    expect(decision.reasons).toEqual(['stage-unknown']);
    expect(decision.facts).toEqual({
      level,
      laneMode: 'auto',
      requirementId: 'red-heavy-truck-min-V',
      minimum: 'V',
    });
  });

  it('never allows an unknown stage during orange or red, even from an unvalidated plan', () => {
    const careless = aPlan()
      .withLevel('red', { ...base.levels.red, unknownStage: 'allow' } as unknown as SevereLevelPolicy)
      .build();
    expect(decide(careless, 'red', aVehicle().build(), AUTO, NOW).verdict).toBe('needs-review');
  });

  it.each<[string, ReturnType<typeof aVehicle>, Verdict]>([
    [
      'a stranger (category and fuel unknown) may be a heavy truck',
      aVehicle().unregistered(),
      'needs-review',
    ],
    ['a truck of unknown fuel may burn diesel', aVehicle().withFuel(undefined), 'needs-review'],
    [
      'a diesel vehicle of unknown category may be a heavy truck',
      aVehicle().withCategory(undefined),
      'needs-review',
    ],
    ['a known car is outside the rules', aVehicle().withCategory('car'), 'allow'],
    ['a known electric truck is outside the rules', aVehicle().withFuel('electric'), 'allow'],
  ])('%s → %s', (_case, builder, verdict) => {
    expect(decide(base, 'red', builder.build(), AUTO, NOW).verdict).toBe(verdict);
  });

  it('lets a stranger with a document through on its stage', () => {
    const stranger = aVehicle().unregistered().withStage('VI').build();
    expect(decide(base, 'red', stranger, AUTO, NOW).verdict).toBe('allow');
  });
});
