import { cidr } from '@ecogate/config';
import { idSchema } from '@ecogate/contracts';
import { canonicalNetwork, DiscoveryRefused, discoveryHosts } from '@ecogate/onvif';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import {
  DEVICE_KINDS,
  DEVICE_VENDORS,
  type DeviceKind,
  type DeviceVendor,
  EVENT_SOURCES,
  type EventSource,
} from './device.entity';
import { LANE_DIRECTIONS, LANE_MODES } from './lane.entity';

const name = z.string().trim().min(1).max(200);

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');

/** An IP address or a CIDR block (`10.0.0.0/24`). */
export const source = z.string().refine((value) => {
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}, 'must be an IP address or CIDR block');

/**
 * IPv4 blocks ONVIF discovery may sweep (each host gets a probe): no host bits set, no duplicates,
 * at most 1024 host addresses in all. That they lie inside `DEVICE_ALLOWED_NETWORKS` is checked by
 * the service, which knows the setting.
 */
export const discoveryNetworksSchema = z
  .array(cidr)
  .max(16)
  .superRefine((networks, context) => {
    try {
      const canonical = networks.map(canonicalNetwork);
      const twice = canonical.find((network, index) => canonical.indexOf(network) !== index);
      if (twice !== undefined) context.addIssue({ code: 'custom', message: `${twice} is listed twice` });
      discoveryHosts(networks);
    } catch (error) {
      if (!(error instanceof DiscoveryRefused)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
    }
  });

export const putSiteSchema = z.strictObject({
  name,
  timeZone: timeZone.default('Asia/Shanghai'),
  /** Absent = unchanged (a new site: none), so a client that does not know the field cannot erase it. */
  discoveryNetworks: discoveryNetworksSchema.optional(),
});
export const putGateSchema = z.strictObject({ siteId: idSchema, name });
export const putLaneSchema = z.strictObject({
  gateId: idSchema,
  name,
  direction: z.enum(LANE_DIRECTIONS),
  mode: z.enum(LANE_MODES).default('auto'),
});

const credentials = z.strictObject({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(256),
});

export const eventSourceSchema = z
  .enum(EVENT_SOURCES)
  .describe(
    'push: the camera pushes its reads; event-stream: camera-ingest keeps the camera’s Dahua event stream attached (Dahua ANPR cameras, with address and credentials)',
  );

const laneIdField = idSchema.describe('The lane it stands on: every kind but loading-area-camera');
const siteIdField = idSchema.describe(
  'The site it stands on: loading-area-camera only (it watches a loading area, not a lane)',
);

export const createDeviceSchema = z.strictObject({
  id: idSchema,
  laneId: laneIdField.optional(),
  siteId: siteIdField.optional(),
  kind: z.enum(DEVICE_KINDS),
  vendor: z.enum(DEVICE_VENDORS),
  name,
  address: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  allowedSources: z.array(source).max(32).default([]),
  credentials: credentials.optional(),
  enabled: z.boolean().default(true),
  eventSource: eventSourceSchema.default('push'),
});

export const updateDeviceSchema = z.strictObject({
  laneId: laneIdField.optional(),
  siteId: siteIdField.optional(),
  name: name.optional(),
  address: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  allowedSources: z.array(source).max(32).optional(),
  credentials: credentials.nullable().optional(),
  enabled: z.boolean().optional(),
  eventSource: eventSourceSchema.optional(),
  /** Issues a new push secret, returned once. */
  rotatePushSecret: z.boolean().optional(),
});

export type PutSite = z.infer<typeof putSiteSchema>;
export type PutGate = z.infer<typeof putGateSchema>;
export type PutLane = z.infer<typeof putLaneSchema>;
export type CreateDevice = z.infer<typeof createDeviceSchema>;
export type UpdateDevice = z.infer<typeof updateDeviceSchema>;

/** A device as the API shows it: never the secret or the credentials, only whether they are set. */
export interface DeviceView {
  readonly id: string;
  /** Null for a loading-area camera. */
  readonly laneId: string | null;
  /** A loading-area camera's own; any other's from its lane's gate (null when that lane is gone). */
  readonly siteId: string | null;
  readonly kind: DeviceKind;
  readonly vendor: DeviceVendor;
  readonly name: string;
  readonly address: string | null;
  readonly allowedSources: readonly string[];
  readonly hasCredentials: boolean;
  readonly enabled: boolean;
  readonly eventSource: EventSource;
}

/** A site, gate and lane as the API lists them (the console's device tree). */
export interface SiteView {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  /** Where ONVIF discovery may look for this site's cameras; empty = discovery off for it. */
  readonly discoveryNetworks: readonly string[];
}
export interface GateView {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
}
export interface LaneView {
  readonly id: string;
  readonly gateId: string;
  readonly name: string;
  readonly direction: (typeof LANE_DIRECTIONS)[number];
  readonly mode: (typeof LANE_MODES)[number];
}

/** Builds a matcher for the allow-list; an empty list allows nothing. */
export function sourceMatcher(allowed: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of allowed) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return (candidate) => {
    // IPv4 clients of a dual-stack socket show up as ::ffff:a.b.c.d.
    const address = candidate.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}
