import { INDUSTRIES, isIndustry } from './industry';
import {
  decidesOwnReductions,
  isPerformanceClass,
  PERFORMANCE_CLASSES,
  requiresGateSystem,
  type PerformanceClass,
} from './performance-class';

describe('performance classes (domain.md §1, §4)', () => {
  it.each<[PerformanceClass, boolean, boolean]>([
    ['A', true, true],
    ['B', true, false],
    ['B-', true, false],
    ['leading', true, true],
    ['C', false, false],
    ['D', false, false],
    ['non-leading', false, false],
  ])('%s: gate system required %s, decides own reductions %s', (performanceClass, gate, own) => {
    expect(requiresGateSystem(performanceClass)).toBe(gate);
    expect(decidesOwnReductions(performanceClass)).toBe(own);
  });

  it.each<[unknown, boolean]>([
    ['B-', true],
    ['b', false],
    [undefined, false],
  ])('%p is a class: %s', (value, expected) => {
    expect(isPerformanceClass(value)).toBe(expected);
  });

  it('knows the classes and the named key industries', () => {
    expect(PERFORMANCE_CLASSES).toHaveLength(7);
    expect(INDUSTRIES).toContain('steel');
    expect(isIndustry('coking')).toBe(true);
    expect(isIndustry('mining')).toBe(false);
    expect(isIndustry(3)).toBe(false);
  });
});
