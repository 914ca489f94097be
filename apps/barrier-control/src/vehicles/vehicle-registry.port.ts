import { type AdmissionSubject } from '@ecogate/domain';

/**
 * The vehicle registry (category, fuel, designations and every stage evidence) per enterprise.
 * `undefined` for a stranger. Adapters: `InMemoryVehicleRegistry` (configuration, tests); the
 * ledger's HTTP registry API is not built yet (see docs/barrier-control.md).
 */
export interface VehicleRegistry {
  find(enterpriseId: string, plate: string): Promise<AdmissionSubject | undefined>;
}

export const VEHICLE_REGISTRY = Symbol('VEHICLE_REGISTRY');
