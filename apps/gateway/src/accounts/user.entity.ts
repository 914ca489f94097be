import { Column, Entity, PrimaryColumn, Unique } from '@ecogate/persistence';

@Entity({ name: 'gateway_users' })
@Unique('UQ_gateway_users_external', ['externalIssuer', 'externalSubject'])
export class UserEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_gateway_users' })
  id!: string;

  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ name: 'enterprise_id', type: 'text', nullable: true })
  enterpriseId!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  districts!: string[];

  /** Null for single sign-on accounts: they have no password to log in, change or reset. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  /** The identity provider's issuer and subject of a single sign-on account (both or neither). */
  @Column({ name: 'external_issuer', type: 'text', nullable: true })
  externalIssuer!: string | null;

  @Column({ name: 'external_subject', type: 'text', nullable: true })
  externalSubject!: string | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz' })
  passwordChangedAt!: Date;

  @Column({ name: 'must_change_password', type: 'boolean' })
  mustChangePassword!: boolean;

  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins!: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Base32 TOTP secret (pending until `totpEnabled`). */
  @Column({ name: 'totp_secret', type: 'text', nullable: true })
  totpSecret!: string | null;

  @Column({ name: 'totp_enabled', type: 'boolean', default: false })
  totpEnabled!: boolean;

  /** The last TOTP time step accepted: a code is good once. */
  @Column({
    name: 'totp_last_step',
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (value: number | null) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  totpLastStep!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
