import { type LaneDirection } from './lane.entity';

/** Where a device stands: its site, gate and lane, and the site's time zone. */
export interface DeviceLane {
  readonly siteId: string;
  readonly gateId: string;
  readonly laneId: string;
  readonly direction: LaneDirection;
  readonly timeZone: string;
}

/** From a device `d` to its lane `l`, gate `g` and site `s`, each of the device's own enterprise. */
export const DEVICE_LANE_JOINS = `JOIN "lanes" l ON l."enterprise_id" = d."enterprise_id" AND l."id" = d."lane_id"
       JOIN "gates" g ON g."enterprise_id" = l."enterprise_id" AND g."id" = l."gate_id"
       JOIN "sites" s ON s."enterprise_id" = g."enterprise_id" AND s."id" = g."site_id"`;

/** The columns `laneOf` reads, over `DEVICE_LANE_JOINS`. */
export const LANE_COLUMNS = `l."id" AS "lane_id", l."direction", g."id" AS "gate_id", s."id" AS "site_id", s."time_zone"`;

export interface LaneColumns {
  lane_id: string;
  direction: LaneDirection;
  gate_id: string;
  site_id: string;
  time_zone: string;
}

export const laneOf = (row: LaneColumns): DeviceLane => ({
  siteId: row.site_id,
  gateId: row.gate_id,
  laneId: row.lane_id,
  direction: row.direction,
  timeZone: row.time_zone,
});
