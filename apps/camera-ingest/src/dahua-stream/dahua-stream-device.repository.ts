import { type DataSource, parseEnterpriseId } from '@ecogate/persistence';
import { createHash } from 'node:crypto';
import { type IngestDevice } from '../push/ingest-push.service';
import { type LaneDirection } from '../registry/lane.entity';

/** A Dahua ANPR camera whose events we pull from its event stream: where, how to log in, which lane. */
export interface DahuaStreamDevice extends IngestDevice {
  readonly address: string;
  readonly credentialsEncrypted: string;
  /** Changes whenever the row is edited: the supervisor restarts with the new settings. */
  readonly version: string;
}

/** Reads the cameras to attach to from the device registry (parameterised SQL only). */
export class DahuaStreamDeviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every enabled Dahua ANPR camera of every enterprise registered with event source `event-stream`,
   * an address and a login: a cross-tenant read for a system process, like the ONVIF supervisor's;
   * each device keeps its enterprise id and everything it emits carries it.
   */
  async listStreaming(): Promise<DahuaStreamDevice[]> {
    const rows = (await this.dataSource.query(
      `SELECT d."id", d."enterprise_id", d."address", d."credentials_encrypted", d."updated_at",
              l."id" AS "lane_id", l."direction", g."id" AS "gate_id", s."id" AS "site_id", s."time_zone"
         FROM "devices" d
         JOIN "lanes" l ON l."enterprise_id" = d."enterprise_id" AND l."id" = d."lane_id"
         JOIN "gates" g ON g."enterprise_id" = l."enterprise_id" AND g."id" = l."gate_id"
         JOIN "sites" s ON s."enterprise_id" = g."enterprise_id" AND s."id" = g."site_id"
        WHERE d."vendor" = 'dahua' AND d."kind" = 'anpr-camera' AND d."event_source" = 'event-stream'
          AND d."enabled" AND d."address" IS NOT NULL AND d."credentials_encrypted" IS NOT NULL
        ORDER BY d."id"`,
    )) as Row[];
    return rows.map(toDevice);
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

const toDevice = (row: Row): DahuaStreamDevice => ({
  id: row.id,
  enterpriseId: parseEnterpriseId(row.enterprise_id),
  address: row.address,
  credentialsEncrypted: row.credentials_encrypted,
  // The lane too: a camera moved to another lane restarts, so its reads carry the new one.
  version: createHash('sha256')
    .update(
      [row.updated_at.toISOString(), row.address, row.credentials_encrypted, row.lane_id, row.time_zone].join(
        '|',
      ),
    )
    .digest('hex'),
  lane: {
    siteId: row.site_id,
    gateId: row.gate_id,
    laneId: row.lane_id,
    direction: row.direction,
    timeZone: row.time_zone,
  },
});
