import {
  type DataSource,
  type EnterpriseId,
  parseEnterpriseId,
  TenantRepository,
} from '@ecogate/persistence';
import { DeviceEntity } from './device.entity';
import { DEVICE_LANE_JOINS, type DevicePlace, LANE_COLUMNS, type LaneColumns, placeOf } from './device-lane';
import { GateEntity } from './gate.entity';
import { LaneEntity } from './lane.entity';
import { SiteEntity } from './site.entity';

/** What a push needs to know about the camera that sent it. */
export interface PushDevice extends DevicePlace {
  readonly id: string;
  readonly enterpriseId: EnterpriseId;
  readonly vendor: string;
  readonly kind: string;
  readonly enabled: boolean;
  readonly allowedSources: readonly string[];
  readonly pushSecretSha256: Buffer | null;
}

/** Sites, gates, lanes and devices; every query is tenant-scoped except the push lookup below. */
export class RegistryRepository {
  readonly sites: TenantRepository<SiteEntity>;
  readonly gates: TenantRepository<GateEntity>;
  readonly lanes: TenantRepository<LaneEntity>;
  readonly devices: TenantRepository<DeviceEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.sites = TenantRepository.of(dataSource, SiteEntity);
    this.gates = TenantRepository.of(dataSource, GateEntity);
    this.lanes = TenantRepository.of(dataSource, LaneEntity);
    this.devices = TenantRepository.of(dataSource, DeviceEntity);
  }

  /**
   * The one lookup without a tenant: a camera knows only its device id. The tenant comes from
   * the row, and the caller authenticates the push against that same row.
   */
  async findDeviceForPush(deviceId: string): Promise<PushDevice | null> {
    const rows = (await this.dataSource.query(
      `SELECT d."id", d."enterprise_id", d."vendor", d."kind", d."enabled", d."allowed_sources",
              d."push_secret_sha256", ${LANE_COLUMNS}
       FROM "devices" d
       ${DEVICE_LANE_JOINS}
       WHERE d."id" = $1`,
      [deviceId],
    )) as PushDeviceRow[];
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      enterpriseId: parseEnterpriseId(row.enterprise_id),
      vendor: row.vendor,
      kind: row.kind,
      enabled: row.enabled,
      allowedSources: row.allowed_sources,
      pushSecretSha256: row.push_secret_sha256,
      ...placeOf(row),
    };
  }

  /** Device ids are global (see `DeviceEntity`), so uniqueness is checked across tenants. */
  async deviceIdTaken(deviceId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM "devices" WHERE "id" = $1`, [
      deviceId,
    ]);
    return rows.length > 0;
  }

  async laneExists(enterpriseId: EnterpriseId, laneId: string): Promise<boolean> {
    return this.lanes.exists(enterpriseId, { id: laneId });
  }

  async siteExists(enterpriseId: EnterpriseId, siteId: string): Promise<boolean> {
    return this.sites.exists(enterpriseId, { id: siteId });
  }

  /** The site of a lane (through its gate), or null when the lane or its gate is gone. */
  async siteOfLane(enterpriseId: EnterpriseId, laneId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT g."site_id" FROM "lanes" l
         JOIN "gates" g ON g."enterprise_id" = l."enterprise_id" AND g."id" = l."gate_id"
        WHERE l."enterprise_id" = $1 AND l."id" = $2`,
      [enterpriseId, laneId],
    )) as { site_id: string }[];
    return rows[0]?.site_id ?? null;
  }
}

interface PushDeviceRow extends LaneColumns {
  id: string;
  enterprise_id: string;
  vendor: string;
  kind: string;
  enabled: boolean;
  allowed_sources: string[];
  push_secret_sha256: Buffer | null;
}
