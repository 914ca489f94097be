import { buildDefaultEmergencyPlan } from '../default-emergency-plan';
import { type EmergencyPlan, type LevelPolicy, type SevereLevelPolicy } from '../emergency-plan';
import { type Exemption } from '../exemption';
import { type LaneMode } from '../lane';

type Levels = EmergencyPlan['levels'];

/**
 * Builds plans for tests, starting from the default plan of a unit with ≥ 10 cargo vehicles a day:
 * `aPlan().withExemption(...).build()`.
 */
export class PlanBuilder {
  constructor(
    private readonly plan: EmergencyPlan = buildDefaultEmergencyPlan({
      enterpriseId: 'ent-1',
      cargoVolume: { band: '10-or-more' },
    }),
  ) {}

  withLevel<L extends keyof Levels>(level: L, policy: Levels[L]): PlanBuilder {
    return new PlanBuilder({ ...this.plan, levels: { ...this.plan.levels, [level]: policy } });
  }

  withLaneMode(level: keyof Levels, laneId: string, mode: LaneMode): PlanBuilder {
    const current: LevelPolicy | SevereLevelPolicy = this.plan.levels[level];
    const policy = { ...current, laneModes: { ...current.laneModes, [laneId]: mode } };
    return new PlanBuilder({ ...this.plan, levels: { ...this.plan.levels, [level]: policy } });
  }

  withExemption(exemption: Exemption): PlanBuilder {
    return new PlanBuilder({ ...this.plan, exemptions: [...this.plan.exemptions, exemption] });
  }

  build(): EmergencyPlan {
    return this.plan;
  }
}

export const aPlan = (): PlanBuilder => new PlanBuilder();

/** An exemption in force all through 2024, at every level. */
export const anExemption = (overrides: Partial<Exemption> & Pick<Exemption, 'kind'>): Exemption =>
  ({
    id: 'ex-1',
    from: new Date('2024-01-01T00:00:00+08:00'),
    until: new Date('2025-01-01T00:00:00+08:00'),
    levels: 'all',
    approvedBy: 'manager-li',
    ...(overrides.kind === 'plate' ? { plates: ['冀A12345'] } : {}),
    ...overrides,
  }) as Exemption;
