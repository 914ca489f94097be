import { type DataSource, type EnterpriseId, parseEnterpriseId } from '@ecogate/persistence';
import { createHash } from 'node:crypto';
import { type LaneDirection } from '../registry/lane.entity';

/** An ONVIF camera as its supervisor needs it: where, how to log in, which lane it watches. */
export interface OnvifDevice {
  readonly id: string;
  readonly enterpriseId: EnterpriseId;
  readonly address: string;
  readonly credentialsEncrypted: string;
  /** Changes whenever the row is edited: the supervisor restarts with the new settings. */
  readonly version: string;
  readonly lane: {
    readonly siteId: string;
    readonly gateId: string;
    readonly laneId: string;
    readonly direction: LaneDirection;
    readonly timeZone: string;
  };
}

const SELECT = `SELECT d."id", d."enterprise_id", d."address", d."credentials_encrypted", d."updated_at",
       l."id" AS "lane_id", l."direction", g."id" AS "gate_id", s."id" AS "site_id", s."time_zone"
  FROM "devices" d
  JOIN "lanes" l ON l."enterprise_id" = d."enterprise_id" AND l."id" = d."lane_id"
  JOIN "gates" g ON g."enterprise_id" = l."enterprise_id" AND g."id" = l."gate_id"
  JOIN "sites" s ON s."enterprise_id" = g."enterprise_id" AND s."id" = g."site_id"
 WHERE d."vendor" = 'onvif' AND d."address" IS NOT NULL AND d."credentials_encrypted" IS NOT NULL`;

/** Reads ONVIF cameras from the device registry (parameterised SQL only). */
export class OnvifDeviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every enabled ONVIF camera of every enterprise: the one cross-tenant read, for the supervisor
   * (a system process); each device keeps its enterprise id and everything it emits carries it.
   */
  async listSupervised(): Promise<OnvifDevice[]> {
    const rows = (await this.dataSource.query(`${SELECT} AND d."enabled" ORDER BY d."id"`)) as Row[];
    return rows.map(toDevice);
  }

  /** One enterprise's ONVIF camera (enabled or not), or null. */
  async findOne(enterpriseId: EnterpriseId, deviceId: string): Promise<OnvifDevice | null> {
    const rows = (await this.dataSource.query(`${SELECT} AND d."enterprise_id" = $1 AND d."id" = $2`, [
      enterpriseId,
      deviceId,
    ])) as Row[];
    return rows[0] ? toDevice(rows[0]) : null;
  }
}

interface Row {
  id: string;
  enterprise_id: string;
  address: string;
  credentials_encrypted: string;
  updated_at: Date;
  lane_id: string;
  direction: LaneDirection;
  gate_id: string;
  site_id: string;
  time_zone: string;
}

const toDevice = (row: Row): OnvifDevice => ({
  id: row.id,
  enterpriseId: parseEnterpriseId(row.enterprise_id),
  address: row.address,
  credentialsEncrypted: row.credentials_encrypted,
  version: createHash('sha256')
    .update(`${row.updated_at.toISOString()}|${row.address}|${row.credentials_encrypted}`)
    .digest('hex'),
  lane: {
    siteId: row.site_id,
    gateId: row.gate_id,
    laneId: row.lane_id,
    direction: row.direction,
    timeZone: row.time_zone,
  },
});
