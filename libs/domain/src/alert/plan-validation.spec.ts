import { type EmergencyPlan, type SevereLevelPolicy } from './emergency-plan';
import { validateEmergencyPlan, type PlanErrorCode } from './plan-validation';
import { aPlan, anExemption } from './testing/plan-builder';

const codes = (plan: EmergencyPlan): PlanErrorCode[] => {
  const result = validateEmergencyPlan(plan);
  return result.ok ? [] : result.error.map((problem) => problem.code);
};

describe('validateEmergencyPlan', () => {
  const base = aPlan().build();
  const red = base.levels.red;

  it('accepts the default plan with a sound exemption', () => {
    expect(
      codes(
        aPlan()
          .withExemption(anExemption({ kind: 'special-vehicle' }))
          .build(),
      ),
    ).toEqual([]);
  });

  it.each<[string, EmergencyPlan, PlanErrorCode[]]>([
    [
      'an unknown stage allowed during red (plan from untyped JSON)',
      aPlan()
        .withLevel('red', { ...red, unknownStage: 'allow' } as unknown as SevereLevelPolicy)
        .build(),
      ['unknown-allowed-in-severe-alert'],
    ],
    [
      'an unknown stage allowed during yellow is the plan’s choice',
      aPlan().withLevel('yellow', { requirements: red.requirements, unknownStage: 'allow' }).build(),
      [],
    ],
    [
      'a requirement twice',
      aPlan()
        .withLevel('red', { ...red, requirements: [...red.requirements, red.requirements[0]!] })
        .build(),
      ['duplicate-requirement'],
    ],
    [
      'a minimum that is no stage',
      aPlan()
        .withLevel('red', {
          ...red,
          requirements: [{ ...red.requirements[0]!, minimum: '5' as never }],
        })
        .build(),
      ['unknown-minimum-stage'],
    ],
    [
      'an exemption twice',
      aPlan()
        .withExemption(anExemption({ kind: 'special-vehicle' }))
        .withExemption(anExemption({ kind: 'plate' }))
        .build(),
      ['duplicate-exemption'],
    ],
    [
      'an exemption ending before it starts',
      aPlan()
        .withExemption(anExemption({ kind: 'special-vehicle', until: new Date('2023-01-01T00:00:00Z') }))
        .build(),
      ['empty-exemption-window'],
    ],
    [
      'an exemption with an empty window',
      aPlan()
        .withExemption(
          anExemption({
            kind: 'special-vehicle',
            from: new Date('2024-01-01T00:00:00Z'),
            until: new Date('2024-01-01T00:00:00Z'),
          }),
        )
        .build(),
      ['empty-exemption-window'],
    ],
    [
      'an exemption nobody approved',
      aPlan()
        .withExemption(anExemption({ kind: 'special-vehicle', approvedBy: ' ' }))
        .build(),
      ['exemption-without-approver'],
    ],
    [
      'a plate exemption without plates',
      aPlan()
        .withExemption(anExemption({ kind: 'plate', plates: [] }))
        .build(),
      ['plate-exemption-without-plates'],
    ],
  ])('%s → %p', (_case, plan, expected) => {
    expect(codes(plan)).toEqual(expected);
  });

  it('reports every problem at once', () => {
    const plan = aPlan()
      .withLevel('orange', { ...base.levels.orange, unknownStage: 'allow' } as unknown as SevereLevelPolicy)
      .withExemption(anExemption({ kind: 'plate', plates: [], approvedBy: '' }))
      .build();
    expect(codes(plan)).toEqual([
      'unknown-allowed-in-severe-alert',
      'exemption-without-approver',
      'plate-exemption-without-plates',
    ]);
  });
});
