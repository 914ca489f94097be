import { type EnterpriseProfile, type Industry, type PerformanceClass } from '../enterprise';
import { cleanTransportRatio, type CleanTransportDefinition } from './clean-transport';
import { type Period, type TripFact } from './trip';

/** One indicator a class must meet, e.g. ≥ 80 % of trips 国V+ or new energy. */
export interface ClassThreshold {
  readonly metric: CleanTransportDefinition;
  readonly basis: 'trips' | 'tonnes';
  /** 0..1 */
  readonly minimumShare: number;
  readonly source: string;
}

/** Thresholds per industry and class; `*` applies to industries without a row of their own. */
export interface ClassThresholdRow {
  readonly industry: Industry | '*';
  readonly performanceClass: PerformanceClass;
  readonly thresholds: readonly ClassThreshold[];
}

/**
 * EXAMPLES from domain.md §4, to be set per industry from the classification's technical
 * requirements: A and leading “(almost) all 国VI or new energy”, B “typically ≥ 80 % 国V+ or new
 * energy”. B- and below have no transport indicator here.
 */
export const EXAMPLE_CLASS_THRESHOLDS: readonly ClassThresholdRow[] = [
  {
    industry: '*',
    performanceClass: 'A',
    thresholds: [{ metric: 'vi-plus', basis: 'trips', minimumShare: 1, source: 'domain.md §4 (example)' }],
  },
  {
    industry: '*',
    performanceClass: 'leading',
    thresholds: [{ metric: 'vi-plus', basis: 'trips', minimumShare: 1, source: 'domain.md §4 (example)' }],
  },
  {
    industry: '*',
    performanceClass: 'B',
    thresholds: [{ metric: 'v-plus', basis: 'trips', minimumShare: 0.8, source: 'domain.md §4 (example)' }],
  },
];

export type ComplianceStatus = 'met' | 'not-met' | 'no-data' | 'no-threshold';

export interface ComplianceIndicator extends ClassThreshold {
  readonly actual: number | undefined;
  readonly met: boolean | undefined;
}

export interface ClassCompliance {
  readonly status: ComplianceStatus;
  readonly indicators: readonly ComplianceIndicator[];
}

/**
 * Whether the period's transport meets the class's indicators. `not-met` wins over `no-data`:
 * one failing indicator is enough to show.
 */
export function classCompliance(
  trips: readonly TripFact[],
  period: Period,
  enterprise: Pick<EnterpriseProfile, 'industry' | 'performanceClass'>,
  table: readonly ClassThresholdRow[] = EXAMPLE_CLASS_THRESHOLDS,
): ClassCompliance {
  const forClass = table.filter((row) => row.performanceClass === enterprise.performanceClass);
  const row =
    forClass.find((r) => r.industry === enterprise.industry) ?? forClass.find((r) => r.industry === '*');
  if (!row) return { status: 'no-threshold', indicators: [] };
  const indicators = row.thresholds.map((threshold): ComplianceIndicator => {
    const ratio = cleanTransportRatio(trips, period, threshold.metric);
    const actual = (threshold.basis === 'trips' ? ratio.byTrips : ratio.byTonnes).ratio;
    return { ...threshold, actual, met: actual === undefined ? undefined : actual >= threshold.minimumShare };
  });
  const status: ComplianceStatus = indicators.some((i) => i.met === false)
    ? 'not-met'
    : indicators.some((i) => i.met === undefined)
      ? 'no-data'
      : 'met';
  return { status, indicators };
}
