import { type EmissionStage } from '../emission';
import { type Fuel, type VehicleCategory } from '../vehicle';
import { type Exemption } from './exemption';
import { type LaneMode } from './lane';

export interface LocalisedText {
  readonly zh: string;
  readonly en: string;
}

/**
 * A minimum stage for the vehicles it selects. A vehicle whose category or fuel is unknown is
 * selected (it may be one of them). Every selected requirement must be met.
 */
export interface StageRequirement {
  readonly id: string;
  readonly categories: readonly VehicleCategory[] | 'any';
  readonly fuels: readonly Fuel[] | 'any';
  readonly minimum: EmissionStage;
  /** The rule as the gate displays it (domain.md §4: show plate, stage and rule). */
  readonly label: LocalisedText;
}

/** What to do with a vehicle a requirement selects but whose stage nobody knows. */
export type UnknownStageRule = 'allow' | 'deny' | 'needs-review';

export interface LevelPolicy {
  readonly requirements: readonly StageRequirement[];
  readonly unknownStage: UnknownStageRule;
  /** Lane modes for this level by lane id, e.g. a side gate closed during red. */
  readonly laneModes?: Readonly<Record<string, LaneMode>>;
}

/** During orange and red an unknown stage can never let a vehicle through. */
export interface SevereLevelPolicy extends LevelPolicy {
  readonly unknownStage: 'deny' | 'needs-review';
}

/** The per-enterprise emergency plan (一厂一策, domain.md §4). */
export interface EmergencyPlan {
  readonly enterpriseId: string;
  readonly levels: {
    readonly none: LevelPolicy;
    readonly blue: LevelPolicy;
    readonly yellow: LevelPolicy;
    readonly orange: SevereLevelPolicy;
    readonly red: SevereLevelPolicy;
  };
  readonly exemptions: readonly Exemption[];
}
