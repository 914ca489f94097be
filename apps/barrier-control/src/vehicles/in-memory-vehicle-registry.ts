import { type AdmissionSubject } from '@ecogate/domain';
import { type VehicleRegistry } from './vehicle-registry.port';

/** Vehicles known by configuration or put by tests; keyed by enterprise and plate. */
export class InMemoryVehicleRegistry implements VehicleRegistry {
  private readonly vehicles = new Map<string, AdmissionSubject>();

  constructor(entries: readonly { enterpriseId: string; vehicle: AdmissionSubject }[] = []) {
    for (const { enterpriseId, vehicle } of entries) this.put(enterpriseId, vehicle);
  }

  put(enterpriseId: string, vehicle: AdmissionSubject): void {
    this.vehicles.set(`${enterpriseId}\u0000${vehicle.plate}`, vehicle);
  }

  async find(enterpriseId: string, plate: string): Promise<AdmissionSubject | undefined> {
    return this.vehicles.get(`${enterpriseId}\u0000${plate}`);
  }
}
