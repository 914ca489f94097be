/**
 * Performance classes (绩效分级) of the key-industry classification. `leading` (引领性) and
 * `non-leading` (非引领性) apply to industries graded that way instead of A–D.
 */
export const PERFORMANCE_CLASSES = ['A', 'B', 'B-', 'C', 'D', 'leading', 'non-leading'] as const;
export type PerformanceClass = (typeof PERFORMANCE_CLASSES)[number];

const classes: ReadonlySet<string> = new Set(PERFORMANCE_CLASSES);

export const isPerformanceClass = (value: unknown): value is PerformanceClass =>
  typeof value === 'string' && classes.has(value);

/**
 * Enterprises applying for A, B, B- or leading must run gate access control, video and the
 * electronic ledger (domain.md §1, 2020 guide).
 */
export function requiresGateSystem(performanceClass: PerformanceClass): boolean {
  switch (performanceClass) {
    case 'A':
    case 'B':
    case 'B-':
    case 'leading':
      return true;
    case 'C':
    case 'D':
    case 'non-leading':
      return false;
  }
}

/** Class A and leading enterprises decide their own reductions during alerts (domain.md §4). */
export const decidesOwnReductions = (performanceClass: PerformanceClass): boolean =>
  performanceClass === 'A' || performanceClass === 'leading';
