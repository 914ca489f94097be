// Anti-evasion around loading areas: sightings and gate rows judged against each other. Rules: docs/loading-areas.md.
export {
  lookbackDay,
  lookbackStart,
  type LoadingAreaAnomaly,
  type LoadingAreaAnomalyKind,
  type Refusal,
  type Sighting,
} from './loading-area-anomaly';
export { judgeSighting, type SightingFacts } from './sighting-rules';
export { judgeEntry, judgeExit } from './gate-row-rules';
