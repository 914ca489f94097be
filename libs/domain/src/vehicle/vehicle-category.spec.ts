import {
  hasEngine,
  isNonRoadMachinery,
  isVehicleCategory,
  NON_ROAD_MACHINERY_CATEGORIES,
  VEHICLE_CATEGORIES,
  VEHICLE_CATEGORY_LABELS,
  type VehicleCategory,
} from './vehicle-category';

describe('vehicle categories', () => {
  it.each<[VehicleCategory, boolean]>([
    ['heavy-truck', false],
    ['tractor', false],
    ['special-purpose', false],
    ['excavator', true],
    ['forklift', true],
    ['crane', true],
    ['other-machinery', true],
  ])('%s is machinery: %s', (category, machinery) => {
    expect(isNonRoadMachinery(category)).toBe(machinery);
  });

  it.each<[unknown, boolean]>([
    ['loader', true],
    ['truck', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('recognises %p as a category: %s', (value, expected) => {
    expect(isVehicleCategory(value)).toBe(expected);
  });

  it('only the trailer has no engine', () => {
    expect(VEHICLE_CATEGORIES.filter((category) => !hasEngine(category))).toEqual(['trailer']);
  });

  it('labels every category in Chinese and English', () => {
    for (const category of VEHICLE_CATEGORIES) {
      expect(VEHICLE_CATEGORY_LABELS[category].zh).toMatch(/\p{Script=Han}/u);
      expect(VEHICLE_CATEGORY_LABELS[category].en).toMatch(/^[a-z -]+$/);
    }
    expect(NON_ROAD_MACHINERY_CATEGORIES.length).toBeGreaterThan(5);
  });
});
