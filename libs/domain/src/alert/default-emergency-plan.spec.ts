import { NON_ROAD_MACHINERY_CATEGORIES } from '../vehicle';
import { ALERT_LEVELS } from './alert-level';
import { buildDefaultEmergencyPlan, DEFAULT_HEAVY_TRUCK_CATEGORIES } from './default-emergency-plan';
import { validateEmergencyPlan } from './plan-validation';
import { anExemption } from './testing/plan-builder';

describe('buildDefaultEmergencyPlan (domain.md §4)', () => {
  const busy = buildDefaultEmergencyPlan({ enterpriseId: 'e1', cargoVolume: { band: '10-or-more' } });

  it('restricts heavy diesel/gas trucks to 国V+ and machinery to 国III+ during orange and red', () => {
    for (const level of ['orange', 'red'] as const) {
      expect(busy.levels[level].unknownStage).toBe('needs-review');
      expect(busy.levels[level].requirements).toEqual([
        expect.objectContaining({
          id: `${level}-heavy-truck-min-V`,
          categories: DEFAULT_HEAVY_TRUCK_CATEGORIES,
          fuels: ['diesel', 'natural-gas', 'hybrid'],
          minimum: 'V',
        }),
        expect.objectContaining({
          id: `${level}-nrmm-min-III`,
          categories: NON_ROAD_MACHINERY_CATEGORIES,
          fuels: 'any',
          minimum: 'III',
        }),
      ]);
    }
    expect(busy.levels.red.requirements[0]!.label.zh).toBe('红色预警：国四及以下柴油、燃气重型货车禁止进出');
  });

  it('leaves normal days, blue and yellow without vehicle rules (the city sets them)', () => {
    for (const level of ['none', 'blue', 'yellow'] as const) {
      expect(busy.levels[level]).toEqual({ requirements: [], unknownStage: 'allow' });
    }
  });

  it('applies no vehicle rule to a unit under 10 cargo vehicles a day', () => {
    const quiet = buildDefaultEmergencyPlan({ enterpriseId: 'e2', cargoVolume: { band: 'under-10' } });
    expect(ALERT_LEVELS.every((level) => quiet.levels[level].requirements.length === 0)).toBe(true);
  });

  it('takes the heavy-truck categories and the exemptions as options', () => {
    const exemption = anExemption({ kind: 'livelihood-supply' });
    const plan = buildDefaultEmergencyPlan({
      enterpriseId: 'e3',
      cargoVolume: { band: '10-or-more' },
      heavyTruckCategories: ['heavy-truck', 'tractor', 'medium-truck'],
      exemptions: [exemption],
    });
    expect(plan.levels.orange.requirements[0]!.categories).toContain('medium-truck');
    expect(plan.exemptions).toEqual([exemption]);
  });

  it('builds a valid plan', () => {
    expect(validateEmergencyPlan(busy).ok).toBe(true);
  });
});
