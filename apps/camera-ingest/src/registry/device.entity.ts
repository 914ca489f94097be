import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from '@ecogate/persistence';

export const DEVICE_KINDS = [
  'anpr-camera',
  'overview-camera',
  'loading-area-camera',
  'barrier',
  'display',
] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_VENDORS = ['hikvision', 'vzenith', 'dahua', 'onvif', 'other'] as const;
export type DeviceVendor = (typeof DEVICE_VENDORS)[number];
/**
 * Where an ANPR camera's reads come from: its HTTP push to us, or (Dahua ITC) its event stream
 * (`eventManager.cgi` attach) that we keep open.
 */
export const EVENT_SOURCES = ['push', 'event-stream'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * A device on a lane, or (a loading-area camera) on a site: it watches a loading area, not a lane. The id is globally unique because cameras push to `/push/:vendor/:deviceId`
 * without the enterprise in the path. Secrets never sit here in plain text: the push secret as a
 * SHA-256 digest, login credentials AES-256-GCM encrypted.
 */
@Entity({ name: 'devices' })
@Index('IDX_devices_enterprise_lane', ['enterpriseId', 'laneId'])
@Index('IDX_devices_enterprise_site', ['enterpriseId', 'siteId'])
@Check('CHK_devices_event_source', `"event_source" IN ('push', 'event-stream')`)
@Check(
  'CHK_devices_place',
  `("kind" = 'loading-area-camera' AND "site_id" IS NOT NULL AND "lane_id" IS NULL) OR ("kind" <> 'loading-area-camera' AND "lane_id" IS NOT NULL AND "site_id" IS NULL)`,
)
export class DeviceEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_devices' })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'text' })
  enterpriseId!: string;

  /** Every kind but a loading-area camera; its site is its lane's gate's. */
  @Column({ name: 'lane_id', type: 'text', nullable: true })
  laneId!: string | null;

  /** A loading-area camera only (it has no lane). */
  @Column({ name: 'site_id', type: 'text', nullable: true })
  siteId!: string | null;

  @Column({ type: 'text' })
  kind!: DeviceKind;

  @Column({ type: 'text' })
  vendor!: DeviceVendor;

  @Column({ type: 'text' })
  name!: string;

  /** Base URL of its management interface (ISAPI, ONVIF, CGI), when it has one. */
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** Source addresses or CIDR blocks its pushes may come from. */
  @Column({ name: 'allowed_sources', type: 'text', array: true })
  allowedSources!: string[];

  @Column({ name: 'push_secret_sha256', type: 'bytea', nullable: true })
  pushSecretSha256!: Buffer | null;

  @Column({ name: 'credentials_encrypted', type: 'text', nullable: true })
  credentialsEncrypted!: string | null;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ name: 'event_source', type: 'text', default: 'push' })
  eventSource!: EventSource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
