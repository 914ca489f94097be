import { type EmissionStage } from '../emission';
import { type Fuel, type VehicleCategory } from '../vehicle';
import { decide } from './admission-decision';
import { type PolicyReason, type Verdict } from './admission-reason';
import { type AlertLevel } from './alert-level';
import { type Lane } from './lane';
import { aPlan } from './testing/plan-builder';
import { aVehicle } from './testing/vehicle-builder';

const NOW = new Date('2024-12-01T08:00:00+08:00');
const AUTO: Lane = { id: 'gate-1-in', mode: 'auto' };

describe('decide: minimum stage per category × fuel (default plan, domain.md §4)', () => {
  const plan = aPlan().build();

  it.each<[AlertLevel, VehicleCategory, Fuel, EmissionStage, Verdict, PolicyReason]>([
    // Orange and red: heavy trucks of 国IV or below, diesel or gas, are refused.
    ['red', 'heavy-truck', 'diesel', 'IV', 'deny', 'stage-below-minimum'],
    ['red', 'heavy-truck', 'diesel', 'III', 'deny', 'stage-below-minimum'],
    ['red', 'heavy-truck', 'diesel', 'none', 'deny', 'stage-below-minimum'],
    ['red', 'heavy-truck', 'diesel', 'V', 'allow', 'stage-meets-minimum'],
    ['red', 'heavy-truck', 'diesel', 'VI', 'allow', 'stage-meets-minimum'],
    ['red', 'heavy-truck', 'diesel', 'VIb', 'allow', 'stage-meets-minimum'],
    ['orange', 'tractor', 'natural-gas', 'IV', 'deny', 'stage-below-minimum'],
    ['orange', 'tractor', 'natural-gas', 'V', 'allow', 'stage-meets-minimum'],
    ['orange', 'heavy-truck', 'hybrid', 'IV', 'deny', 'stage-below-minimum'],
    // Electric vehicles and other fuels are outside the rule.
    ['red', 'heavy-truck', 'electric', 'electric', 'allow', 'no-restriction'],
    ['red', 'heavy-truck', 'gasoline', 'III', 'allow', 'no-restriction'],
    // Other categories are outside the heavy-truck rule.
    ['red', 'medium-truck', 'diesel', 'IV', 'allow', 'no-restriction'],
    ['red', 'car', 'gasoline', 'IV', 'allow', 'no-restriction'],
    // Machinery of 国II and below stops, of any fuel.
    ['red', 'excavator', 'diesel', 'II', 'deny', 'stage-below-minimum'],
    ['orange', 'forklift', 'gasoline', 'none', 'deny', 'stage-below-minimum'],
    ['orange', 'loader', 'diesel', 'III', 'allow', 'stage-meets-minimum'],
    ['red', 'forklift', 'electric', 'electric', 'allow', 'stage-meets-minimum'],
    // Yellow, blue and normal days carry no vehicle rule in the default plan.
    ['yellow', 'heavy-truck', 'diesel', 'III', 'allow', 'no-restriction'],
    ['blue', 'heavy-truck', 'diesel', 'III', 'allow', 'no-restriction'],
    ['none', 'heavy-truck', 'diesel', '0', 'allow', 'no-restriction'],
  ])('%s alert, %s %s of %s → %s (%s)', (level, category, fuel, stage, verdict, reason) => {
    const vehicle = aVehicle().withCategory(category).withFuel(fuel).withStage(stage).build();
    const decision = decide(plan, level, vehicle, AUTO, NOW);
    expect(decision.verdict).toBe(verdict);
    expect(decision.policyVerdict).toBe(verdict);
    expect(decision.reasons).toEqual([reason]);
  });

  it('states a known stage without any restriction too (the ledger records it on every passage)', () => {
    const vehicle = aVehicle().withStage('VI', 'platform-query').build();
    expect(decide(plan, 'none', vehicle, AUTO, NOW).facts).toEqual({
      level: 'none',
      laneMode: 'auto',
      stage: 'VI',
      evidenceSource: 'platform-query',
    });
    expect(decide(plan, 'none', aVehicle().build(), AUTO, NOW).facts).toEqual({
      level: 'none',
      laneMode: 'auto',
    });
  });

  it('names the binding rule and the stage in the facts', () => {
    const vehicle = aVehicle().withStage('IV', 'platform-query').build();
    expect(decide(plan, 'red', vehicle, AUTO, NOW).facts).toEqual({
      level: 'red',
      laneMode: 'auto',
      stage: 'IV',
      evidenceSource: 'platform-query',
      requirementId: 'red-heavy-truck-min-V',
      minimum: 'V',
    });
  });

  it('holds a 国VI of unknown sub-stage for review when the plan needs VIb', () => {
    const strict = aPlan()
      .withLevel('red', {
        unknownStage: 'deny',
        requirements: [{ ...plan.levels.red.requirements[0]!, id: 'red-VIb', minimum: 'VIb' }],
      })
      .build();
    const verdictFor = (stage: EmissionStage): [Verdict, readonly string[]] => {
      const decision = decide(strict, 'red', aVehicle().withStage(stage).build(), AUTO, NOW);
      return [decision.verdict, decision.reasons];
    };
    expect(verdictFor('VI')).toEqual(['needs-review', ['stage-substage-unconfirmed']]);
    expect(verdictFor('VIa')).toEqual(['deny', ['stage-below-minimum']]);
    expect(verdictFor('VIb')).toEqual(['allow', ['stage-meets-minimum']]);
  });

  it('applies the strictest of several selected requirements', () => {
    const layered = aPlan()
      .withLevel('yellow', {
        unknownStage: 'allow',
        requirements: [
          { id: 'all-III', categories: 'any', fuels: 'any', minimum: 'III', label: { zh: '甲', en: 'a' } },
          {
            id: 'trucks-V',
            categories: ['heavy-truck'],
            fuels: 'any',
            minimum: 'V',
            label: { zh: '乙', en: 'b' },
          },
          {
            id: 'trucks-IV',
            categories: ['heavy-truck'],
            fuels: 'any',
            minimum: 'IV',
            label: { zh: '丙', en: 'c' },
          },
        ],
      })
      .build();
    const decision = decide(layered, 'yellow', aVehicle().withStage('IV').build(), AUTO, NOW);
    expect(decision.verdict).toBe('deny');
    expect(decision.facts.requirementId).toBe('trucks-V');
    const car = aVehicle().withCategory('car').withStage('IV').build();
    expect(decide(layered, 'yellow', car, AUTO, NOW).facts.requirementId).toBe('all-III');
  });
});
