import { alertVehicleRuleApplies, type CargoVolume } from '../enterprise';
import { NON_ROAD_MACHINERY_CATEGORIES, type VehicleCategory } from '../vehicle';
import { ALERT_LEVEL_LABELS, type SevereAlertLevel } from './alert-level';
import {
  type EmergencyPlan,
  type LevelPolicy,
  type SevereLevelPolicy,
  type StageRequirement,
} from './emergency-plan';
import { type Exemption } from './exemption';

export interface DefaultPlanOptions {
  readonly enterpriseId: string;
  readonly cargoVolume: CargoVolume;
  /**
   * Which categories the “heavy trucks” rule covers. domain.md does not say whether medium trucks
   * (3.5–12 t) are included; cities differ, so it is a parameter.
   */
  readonly heavyTruckCategories?: readonly VehicleCategory[];
  readonly exemptions?: readonly Exemption[];
}

export const DEFAULT_HEAVY_TRUCK_CATEGORIES: readonly VehicleCategory[] = ['heavy-truck', 'tractor'];

const OPEN: LevelPolicy = { requirements: [], unknownStage: 'allow' };

/**
 * The plan domain.md §4 describes, as a starting point an enterprise edits: during orange and red,
 * units with ≥ 10 cargo vehicles a day refuse heavy trucks of 国IV or below burning diesel or gas
 * (a hybrid burns one of them), and machinery of 国II or below stops. Unknown stages go to a
 * person. Blue and yellow carry no vehicle rule: cities set those.
 */
export function buildDefaultEmergencyPlan(options: DefaultPlanOptions): EmergencyPlan {
  const applies = alertVehicleRuleApplies(options.cargoVolume);
  const categories = options.heavyTruckCategories ?? DEFAULT_HEAVY_TRUCK_CATEGORIES;
  const severe = (level: SevereAlertLevel): SevereLevelPolicy => ({
    requirements: applies ? severeRequirements(level, categories) : [],
    unknownStage: 'needs-review',
  });
  return {
    enterpriseId: options.enterpriseId,
    levels: { none: OPEN, blue: OPEN, yellow: OPEN, orange: severe('orange'), red: severe('red') },
    exemptions: options.exemptions ?? [],
  };
}

function severeRequirements(
  level: SevereAlertLevel,
  categories: readonly VehicleCategory[],
): StageRequirement[] {
  const name = ALERT_LEVEL_LABELS[level];
  return [
    {
      id: `${level}-heavy-truck-min-V`,
      categories,
      fuels: ['diesel', 'natural-gas', 'hybrid'],
      minimum: 'V',
      label: {
        zh: `${name.zh}：国四及以下柴油、燃气重型货车禁止进出`,
        en: `${name.en}: diesel and gas heavy trucks of China IV or below may not enter or leave`,
      },
    },
    {
      id: `${level}-nrmm-min-III`,
      categories: NON_ROAD_MACHINERY_CATEGORIES,
      fuels: 'any',
      minimum: 'III',
      label: {
        zh: `${name.zh}：国二及以下非道路移动机械停止使用`,
        en: `${name.en}: non-road machinery of China II or below must stop`,
      },
    },
  ];
}
