import { type StageEvidence } from '@ecogate/domain';
import { type EnterpriseId, type EntityManager, TenantRepository } from '@ecogate/persistence';
import { type KnownVehicle } from '../passage/passage-ledger';
import { VehicleStageEvidenceEntity } from './vehicle-stage-evidence.entity';
import { VehicleEntity } from './vehicle.entity';

/** The vehicle registry: vehicles and their stage evidence, scoped to one enterprise. */
export class VehicleRepository extends TenantRepository<VehicleEntity> {
  constructor(manager: EntityManager) {
    super(VehicleEntity, manager);
  }

  evidence(manager: EntityManager = this.manager): TenantRepository<VehicleStageEvidenceEntity> {
    return TenantRepository.of(manager, VehicleStageEvidenceEntity);
  }

  /** The vehicle with its stage evidence, or `undefined` when the plate is not registered. */
  async known(enterpriseId: EnterpriseId, plate: string): Promise<KnownVehicle | undefined> {
    const vehicle = await this.findOne(enterpriseId, { plate });
    if (!vehicle) return undefined;
    const rows = await this.evidence().find(enterpriseId, {
      where: { vehicleId: vehicle.id },
      order: { at: 'ASC' },
    });
    return { vehicle, evidence: rows.map(toEvidence) };
  }
}

export const toEvidence = (row: VehicleStageEvidenceEntity): StageEvidence => ({
  stage: row.stage,
  source: row.source,
  ...(row.confirmedBy ? { confirmedBy: row.confirmedBy } : {}),
  at: row.at,
});
