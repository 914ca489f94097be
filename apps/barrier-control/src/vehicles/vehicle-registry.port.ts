import { type AdmissionSubject } from '@ecogate/domain';

/**
 * The vehicle registry (category, fuel, designations and every stage evidence) per enterprise.
 * `undefined` for a stranger. Adapters: `InMemoryVehicleRegistry` (the gates file, tests) and
 * `LedgerVehicleRegistry` (the ledger's registry API), chosen by `LEDGER_URL` in `gatePorts`.
 */
export interface VehicleRegistry {
  find(enterpriseId: string, plate: string): Promise<AdmissionSubject | undefined>;
}

export const VEHICLE_REGISTRY = Symbol('VEHICLE_REGISTRY');
