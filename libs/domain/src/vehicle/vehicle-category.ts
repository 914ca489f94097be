/**
 * Vehicle and machine categories the gate and the ledgers distinguish. Road categories follow the
 * vehicle licence (行驶证) wording; non-road mobile machinery (NRMM) kinds follow the NRMM ledger's
 * machine type (domain.md §2 C). Chinese labels: docs/glossary.md.
 */
export const ROAD_VEHICLE_CATEGORIES = [
  'heavy-truck',
  'medium-truck',
  'light-truck',
  'tractor',
  'trailer',
  'three-wheeler',
  'bus',
  'car',
  'special-purpose',
] as const;

export const NON_ROAD_MACHINERY_CATEGORIES = [
  'excavator',
  'loader',
  'forklift',
  'crane',
  'bulldozer',
  'road-roller',
  'other-machinery',
] as const;

export const VEHICLE_CATEGORIES = [...ROAD_VEHICLE_CATEGORIES, ...NON_ROAD_MACHINERY_CATEGORIES] as const;

export type RoadVehicleCategory = (typeof ROAD_VEHICLE_CATEGORIES)[number];
export type NonRoadMachineryCategory = (typeof NON_ROAD_MACHINERY_CATEGORIES)[number];
export type VehicleCategory = RoadVehicleCategory | NonRoadMachineryCategory;

const nonRoad: ReadonlySet<string> = new Set(NON_ROAD_MACHINERY_CATEGORIES);
const all: ReadonlySet<string> = new Set(VEHICLE_CATEGORIES);

export const isVehicleCategory = (value: unknown): value is VehicleCategory =>
  typeof value === 'string' && all.has(value);

export const isNonRoadMachinery = (category: VehicleCategory): category is NonRoadMachineryCategory =>
  nonRoad.has(category);

/** A trailer has no engine, so it has no emission stage; the gate decides on its tractor. */
export const hasEngine = (category: VehicleCategory): boolean => category !== 'trailer';

export const VEHICLE_CATEGORY_LABELS: Readonly<Record<VehicleCategory, { zh: string; en: string }>> = {
  'heavy-truck': { zh: '重型货车', en: 'heavy truck' },
  'medium-truck': { zh: '中型货车', en: 'medium truck' },
  'light-truck': { zh: '轻型货车', en: 'light truck' },
  tractor: { zh: '牵引车', en: 'tractor' },
  trailer: { zh: '挂车', en: 'trailer' },
  'three-wheeler': { zh: '三轮汽车', en: 'three-wheeler' },
  bus: { zh: '客车', en: 'bus' },
  car: { zh: '小型汽车', en: 'car' },
  'special-purpose': { zh: '专项作业车', en: 'special-purpose vehicle' },
  excavator: { zh: '挖掘机', en: 'excavator' },
  loader: { zh: '装载机', en: 'loader' },
  forklift: { zh: '叉车', en: 'forklift' },
  crane: { zh: '起重机', en: 'crane' },
  bulldozer: { zh: '推土机', en: 'bulldozer' },
  'road-roller': { zh: '压路机', en: 'road roller' },
  'other-machinery': { zh: '其他非道路移动机械', en: 'other non-road machinery' },
};
