import { type Industry, type PerformanceClass } from '@ecogate/domain';
import { Column, Entity, Index, PrimaryColumn } from '@ecogate/persistence';

/**
 * An enterprise as the gateway's directory last told the ledger (`gateway.enterprise.registered.v1`):
 * one row per enterprise, replaced by a higher revision only. The statistics read the class and
 * industry (class indicator) and the district (city view) from it.
 */
@Entity({ name: 'enterprise_profiles' })
@Index('IDX_enterprise_profiles_district', ['districtCode', 'enterpriseId'])
export class EnterpriseProfileEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_enterprise_profiles' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  industry!: Industry;

  /** Administrative division code (6 digits) of the district. */
  @Column({ name: 'district_code', type: 'text' })
  districtCode!: string;

  @Column({ name: 'performance_class', type: 'text' })
  performanceClass!: PerformanceClass;

  @Column({ type: 'boolean' })
  active!: boolean;

  /** The directory's revision of this record; a message with a revision not above it is ignored. */
  @Column({ type: 'integer' })
  revision!: number;

  /** When the directory changed it (the event's `changedAt`). */
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  /** When the ledger stored it. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
