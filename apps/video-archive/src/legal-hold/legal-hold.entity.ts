import { Column, Entity, Index, PrimaryGeneratedColumn } from '@ecogate/persistence';

/** Audit of every legal hold placed or released on a camera's segments in a time window. */
@Entity({ name: 'legal_holds' })
@Index('IDX_legal_holds_camera', ['enterpriseId', 'cameraId', 'requestedAt'])
export class LegalHoldEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_legal_holds' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  @Column({ name: 'camera_id', type: 'text' })
  cameraId!: string;

  @Column({ name: 'from_at', type: 'timestamptz' })
  fromAt!: Date;

  @Column({ name: 'to_at', type: 'timestamptz' })
  toAt!: Date;

  @Column({ type: 'boolean' })
  hold!: boolean;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ type: 'integer' })
  objects!: number;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;
}
