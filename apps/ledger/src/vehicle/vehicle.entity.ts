import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';
import { type ObjectRef } from '@ecogate/contracts';

/** A transport vehicle known to one enterprise (ledger A's vehicle columns). Types are explicit: tsx emits no metadata. */
@Entity({ name: 'vehicles' })
@Index('UQ_vehicles_enterprise_plate', ['enterpriseId', 'plate'], { unique: true })
export class VehicleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_vehicles' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  /** Normalised plate text. */
  @Column({ type: 'text' })
  plate!: string;

  @Column({ name: 'plate_colour', type: 'text' })
  plateColour!: string;

  @Column({ type: 'text', nullable: true })
  vin!: string | null;

  @Column({ name: 'engine_no', type: 'text', nullable: true })
  engineNo!: string | null;

  /** `yyyy-MM-dd` from the 行驶证. */
  @Column({ name: 'registration_date', type: 'date', nullable: true })
  registrationDate!: string | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text', nullable: true })
  fuel!: string | null;

  @Column({ type: 'text', nullable: true })
  fleet!: string | null;

  /** 信息公开编号 (typed, or read from the 随车清单's QR code): the stage lookup's second key. */
  @Column({ name: 'disclosure_number', type: 'text', nullable: true })
  disclosureNumber!: string | null;

  /** 随车清单 image. */
  @Column({ name: 'inventory_list', type: 'jsonb', nullable: true })
  inventoryList!: ObjectRef | null;

  /** 行驶证 image. */
  @Column({ name: 'driving_licence', type: 'jsonb', nullable: true })
  drivingLicence!: ObjectRef | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
