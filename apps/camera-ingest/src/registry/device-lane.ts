import { type LaneDirection } from './lane.entity';

/** The site a device stands on and its time zone (the date folders of its objects). */
export interface DeviceSite {
  readonly siteId: string;
  readonly timeZone: string;
}

/** Where a lane device stands: its site, gate and lane, and the site's time zone. */
export interface DeviceLane extends DeviceSite {
  readonly gateId: string;
  readonly laneId: string;
  readonly direction: LaneDirection;
}

/** Where a device stands: always a site; a lane too, except a loading-area camera (site only). */
export interface DevicePlace {
  readonly site: DeviceSite;
  readonly lane: DeviceLane | null;
}

/**
 * From a device `d` to its lane `l` and gate `g` (none for a loading-area camera) and its site `s`
 * (its own `site_id`, else its lane's gate's), each of the device's own enterprise. A lane device
 * whose lane or gate is gone has no site and is left out, as before.
 */
export const DEVICE_LANE_JOINS = `LEFT JOIN "lanes" l ON l."enterprise_id" = d."enterprise_id" AND l."id" = d."lane_id"
       LEFT JOIN "gates" g ON g."enterprise_id" = l."enterprise_id" AND g."id" = l."gate_id"
       JOIN "sites" s ON s."enterprise_id" = d."enterprise_id" AND s."id" = COALESCE(d."site_id", g."site_id")`;

/** The columns `placeOf` reads, over `DEVICE_LANE_JOINS`. */
export const LANE_COLUMNS = `l."id" AS "lane_id", l."direction", g."id" AS "gate_id", s."id" AS "site_id", s."time_zone"`;

export interface LaneColumns {
  lane_id: string | null;
  direction: LaneDirection | null;
  gate_id: string | null;
  site_id: string;
  time_zone: string;
}

export const placeOf = (row: LaneColumns): DevicePlace => {
  const site = { siteId: row.site_id, timeZone: row.time_zone };
  const lane =
    row.lane_id !== null && row.gate_id !== null && row.direction !== null
      ? { ...site, gateId: row.gate_id, laneId: row.lane_id, direction: row.direction }
      : null;
  return { site, lane };
};

/** Narrows a device to one on a lane (every kind but a loading-area camera). */
export const hasLane = <T extends { readonly lane: DeviceLane | null }>(
  device: T,
): device is T & { readonly lane: DeviceLane } => device.lane !== null;
