import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from '@ecogate/persistence';

/** A plant of an enterprise; its time zone decides the date folders of its objects. */
@Entity({ name: 'sites' })
export class SiteEntity {
  @PrimaryColumn({ name: 'enterprise_id', type: 'text', primaryKeyConstraintName: 'PK_sites' })
  enterpriseId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_sites' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  /** IPv4 blocks ONVIF discovery may sweep for this site; empty = discovery off for it. */
  @Column({ name: 'discovery_networks', type: 'text', array: true, default: () => "'{}'" })
  discoveryNetworks!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
