import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type ObjectRef } from '@ecogate/contracts';
import { type EmissionStage, type EvidenceSource } from '@ecogate/domain';

/** Ledger C: one non-road mobile machine (非道路移动机械, domain.md §2 C). */
@Entity({ name: 'non_road_machinery' })
@Index('UQ_non_road_machinery_code', ['enterpriseId', 'registrationCode'], { unique: true })
export class MachineryEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_non_road_machinery' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  /** Environmental registration code (32). */
  @Column({ name: 'registration_code', type: 'text' })
  registrationCode!: string;

  /** Information-disclosure number (24); characters 5–6 carry the stage. */
  @Column({ name: 'disclosure_number', type: 'text', nullable: true })
  disclosureNumber!: string | null;

  @Column({ name: 'production_date', type: 'date', nullable: true })
  productionDate!: string | null;

  @Column({ name: 'emission_stage', type: 'text', nullable: true })
  emissionStage!: EmissionStage | null;

  @Column({ name: 'stage_source', type: 'text', nullable: true })
  stageSource!: EvidenceSource | null;

  /** Machine code (64). */
  @Column({ name: 'machine_code', type: 'text', nullable: true })
  machineCode!: string | null;

  @Column({ name: 'machine_type', type: 'text', nullable: true })
  machineType!: string | null;

  @Column({ type: 'text', nullable: true })
  fuel!: string | null;

  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ name: 'engine_nameplate', type: 'jsonb', nullable: true })
  engineNameplate!: ObjectRef | null;

  @Column({ name: 'machine_nameplate', type: 'jsonb', nullable: true })
  machineNameplate!: ObjectRef | null;

  @Column({ name: 'environmental_label', type: 'jsonb', nullable: true })
  environmentalLabel!: ObjectRef | null;

  /** Share of ledger C's required fields present, 0..1. */
  @Column({ type: 'real' })
  completeness!: number;

  @Column({ name: 'missing_fields', type: 'jsonb' })
  missingFields!: string[];

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
