import { type DataSource, type EnterpriseId, parseEnterpriseId } from '@ecogate/persistence';
import { createHash } from 'node:crypto';
import { type DeviceKind, type DeviceVendor } from '../registry/device.entity';
import {
  DEVICE_LANE_JOINS,
  type DevicePlace,
  LANE_COLUMNS,
  type LaneColumns,
  placeOf,
} from '../registry/device-lane';

/**
 * A registered camera that camera-ingest reaches itself: where, how to log in, which site and lane
 * it stands on (a loading-area camera: a site, no lane).
 */
export interface ReachableDevice extends DevicePlace {
  readonly id: string;
  readonly enterpriseId: EnterpriseId;
  /** A loading-area camera's frames are sightings, never lane reads. */
  readonly kind: DeviceKind;
  /** How camera-ingest speaks to it (ONVIF, or a vendor's own API where it has one). */
  readonly vendor: DeviceVendor;
  readonly address: string;
  readonly credentialsEncrypted: string;
  /** Changes whenever the row is edited: the supervisor restarts with the new settings. */
  readonly version: string;
}

export interface ReachableDeviceQuery {
  /**
   * More conditions on `d` (the device), `l`, `g` (its lane and gate, null for a loading-area
   * camera) and `s` (its site), with `$n`
   * placeholders for `parameters`; an empty string adds none.
   */
  readonly where: string;
  readonly parameters?: readonly unknown[];
}

/**
 * Registered cameras with an address and a login, each with its site (and lane and gate), by id
 * (parameterised SQL only). Every enterprise's unless `where` narrows it: each device keeps its
 * enterprise id, and everything it emits carries it.
 */
export async function queryReachableDevices(
  dataSource: DataSource,
  query: ReachableDeviceQuery,
): Promise<ReachableDevice[]> {
  const rows = (await dataSource.query(
    `SELECT d."id", d."kind", d."vendor", d."enterprise_id", d."address", d."credentials_encrypted", d."updated_at", ${LANE_COLUMNS}
       FROM "devices" d
       ${DEVICE_LANE_JOINS}
      WHERE d."address" IS NOT NULL AND d."credentials_encrypted" IS NOT NULL ${query.where}
      ORDER BY d."id"`,
    [...(query.parameters ?? [])],
  )) as Row[];
  return rows.map(toDevice);
}

interface Row extends LaneColumns {
  id: string;
  kind: DeviceKind;
  vendor: DeviceVendor;
  enterprise_id: string;
  address: string;
  credentials_encrypted: string;
  updated_at: Date;
}

// The version changes with the site, the lane and the site's time zone too: a camera moved to another
// lane or site, or a site whose zone is corrected, restarts its supervisor, so what it emits carries
// the new values.
const toDevice = (row: Row): ReachableDevice => ({
  id: row.id,
  kind: row.kind,
  vendor: row.vendor,
  enterpriseId: parseEnterpriseId(row.enterprise_id),
  address: row.address,
  credentialsEncrypted: row.credentials_encrypted,
  version: createHash('sha256')
    .update(
      [
        row.updated_at.toISOString(),
        row.address,
        row.credentials_encrypted,
        row.site_id,
        row.lane_id ?? '',
        row.time_zone,
      ].join('|'),
    )
    .digest('hex'),
  ...placeOf(row),
});
