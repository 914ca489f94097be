import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type EmissionStage, type EvidenceSource } from '@ecogate/domain';

/** One piece of stage evidence for a vehicle; rows are only added, the strongest decides (domain.md §3). */
@Entity({ name: 'vehicle_stage_evidence' })
@Index('IDX_vehicle_stage_evidence_vehicle', ['enterpriseId', 'vehicleId'])
export class VehicleStageEvidenceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_vehicle_stage_evidence' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'vehicle_id', type: 'uuid' })
  vehicleId!: string;

  @Column({ type: 'text' })
  stage!: EmissionStage;

  @Column({ type: 'text' })
  source!: EvidenceSource;

  @Column({ name: 'confirmed_by', type: 'text', nullable: true })
  confirmedBy!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
