// Statistics: shares by stage and fuel, clean-transport ratios, alert-day averages, class indicators. Rules: docs/domain-model.md.
export {
  classCompliance,
  EXAMPLE_CLASS_THRESHOLDS,
  type ClassCompliance,
  type ClassThreshold,
  type ClassThresholdRow,
  type ComplianceIndicator,
  type ComplianceStatus,
} from './class-compliance';
export {
  CLEAN_TRANSPORT_DEFINITIONS,
  cleanTransportRatio,
  isCleanTrip,
  type CleanTransportDefinition,
  type CleanTransportRatio,
  type Ratio,
} from './clean-transport';
export {
  dailyAverages,
  type DailyAverageOptions,
  type DailyAverages,
  type DayGroup,
  type SiteDay,
} from './daily-averages';
export {
  fuelShares,
  stageShares,
  type Breakdown,
  type FuelBucket,
  type StageBucket,
  type TonneBreakdown,
  type TripBreakdown,
} from './shares';
export { countableTonnes, inPeriod, type Period, type TripFact } from './trip';
