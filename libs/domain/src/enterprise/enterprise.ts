import { type CargoVolume } from './cargo-volume-band';
import { type Industry } from './industry';
import { type PerformanceClass } from './performance-class';

/** The enterprise facts the domain rules read. */
export interface EnterpriseProfile {
  readonly id: string;
  readonly industry: Industry;
  readonly performanceClass: PerformanceClass;
  readonly cargoVolume: CargoVolume;
}
