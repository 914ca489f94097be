import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type ObjectRef } from '@ecogate/contracts';
import { type EmissionStage, type EvidenceSource } from '@ecogate/domain';

/** Ledger B: a vehicle that works inside the plant (厂内运输车辆, domain.md §2 B). */
@Entity({ name: 'in_plant_vehicles' })
@Index('UQ_in_plant_vehicles_number', ['enterpriseId', 'number'], { unique: true })
export class InPlantVehicleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_in_plant_vehicles' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  /** Registration plate, or the internal number of an unregistered vehicle (32). */
  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'registration_date', type: 'date', nullable: true })
  registrationDate!: string | null;

  @Column({ type: 'text', nullable: true })
  vin!: string | null;

  @Column({ name: 'engine_no', type: 'text', nullable: true })
  engineNo!: string | null;

  @Column({ name: 'emission_stage', type: 'text', nullable: true })
  emissionStage!: EmissionStage | null;

  @Column({ name: 'stage_source', type: 'text', nullable: true })
  stageSource!: EvidenceSource | null;

  /** 随车清单 image. */
  @Column({ name: 'inventory_list', type: 'jsonb', nullable: true })
  inventoryList!: ObjectRef | null;

  /** 行驶证 image. */
  @Column({ name: 'driving_licence', type: 'jsonb', nullable: true })
  drivingLicence!: ObjectRef | null;

  /** Share of ledger B's required fields present, 0..1. */
  @Column({ type: 'real' })
  completeness!: number;

  @Column({ name: 'missing_fields', type: 'jsonb' })
  missingFields!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
