import { idSchema, objectRefSchema } from '@ecogate/contracts';
import { buildOpenApiDocument, type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import {
  type DiscoveredDeviceView,
  discoveryRequestSchema,
  type SiteDiscovery,
} from '../onvif/onvif-discovery.dto';
import { type DeviceMedia } from '../onvif/onvif-media.service';
import { PUSH_VENDORS } from '../push/anpr-push.adapter';
import { SECRET_HEADER } from '../push/push.controller';
import { DEVICE_KINDS, DEVICE_VENDORS } from '../registry/device.entity';
import { LANE_DIRECTIONS, LANE_MODES } from '../registry/lane.entity';
import {
  createDeviceSchema,
  type DeviceView,
  eventSourceSchema,
  type GateView,
  type LaneView,
  putGateSchema,
  putLaneSchema,
  putSiteSchema,
  type SiteView,
  updateDeviceSchema,
} from '../registry/registry.dto';
import { type IssuedDevice } from '../registry/registry.service';
import {
  type ReferenceViewHistory,
  type ReferenceViewView,
  takeReferenceViewSchema,
} from '../tamper/reference-view.dto';

// Response shapes, checked against the types the service returns so they cannot drift silently.
const deviceViewSchema = z.object({
  id: z.string(),
  laneId: z.string().nullable().describe('Null for a loading-area camera (it stands on a site)'),
  siteId: z
    .string()
    .nullable()
    .describe("A loading-area camera's own site; any other device's from its lane's gate"),
  kind: z.enum(DEVICE_KINDS),
  vendor: z.enum(DEVICE_VENDORS),
  name: z.string(),
  address: z.string().nullable(),
  allowedSources: z.array(z.string()),
  hasCredentials: z.boolean(),
  enabled: z.boolean(),
  eventSource: eventSourceSchema,
}) satisfies z.ZodType<DeviceView>;
const issuedDeviceSchema = z.object({
  device: deviceViewSchema,
  pushSecret: z.string().optional().describe('Issued once (creation or rotation); never retrievable later'),
}) satisfies z.ZodType<IssuedDevice>;
const siteViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string().describe('IANA zone; decides the date folders of its objects'),
  discoveryNetworks: z
    .array(z.string())
    .describe('IPv4 blocks ONVIF discovery may sweep for this site; empty = discovery off for it'),
}) satisfies z.ZodType<SiteView>;
const gateViewSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
}) satisfies z.ZodType<GateView>;
const laneViewSchema = z.object({
  id: z.string(),
  gateId: z.string(),
  name: z.string(),
  direction: z.enum(LANE_DIRECTIONS),
  mode: z.enum(LANE_MODES),
}) satisfies z.ZodType<LaneView>;
const deviceMediaSchema = z.object({
  deviceId: z.string(),
  profiles: z.array(
    z.object({
      token: z.string(),
      name: z.string(),
      encoding: z.string().optional(),
      width: z.number().int().optional(),
      height: z.number().int().optional(),
      streamUri: z.string().describe('RTSP'),
      snapshotUri: z.string(),
    }),
  ),
}) satisfies z.ZodType<DeviceMedia>;
const discoveredDeviceSchema = z.object({
  endpoint: z.string().describe('WS-Discovery endpoint reference: the device id, `urn:uuid:…`'),
  xaddrs: z.array(z.string()).describe('Device service URLs, only those inside the site networks'),
  types: z.array(z.string()).describe('`dn:NetworkVideoTransmitter`, `tds:Device`, …'),
  scopes: z.array(z.string()),
  name: z.string().nullable().describe('From the `onvif://www.onvif.org/name/…` scope'),
  hardware: z.string().nullable().describe('From the `…/hardware/…` scope (the model)'),
  locations: z.array(z.string()).describe('From the `…/location/…` scopes'),
  metadataVersion: z.number().int().nullable(),
  respondedFrom: z.string().describe('The probed address the answer came from'),
  alreadyRegistered: z.boolean(),
  registeredAs: z.array(z.string()).describe("Ids of the enterprise's devices with an address on this host"),
}) satisfies z.ZodType<DiscoveredDeviceView>;
const siteDiscoverySchema = z.object({
  siteId: z.string(),
  networks: z.array(z.string()).describe('The site networks swept'),
  probedHosts: z.number().int(),
  durationMs: z.number().int(),
  devices: z.array(discoveredDeviceSchema),
}) satisfies z.ZodType<SiteDiscovery>;
const refusalSchema = z.object({
  code: z.string(),
  reason: z.string(),
  errorId: z.string().optional(),
});

// --- camera-ingest: reference views (begin) ---
const referenceViewSchema = z.object({
  id: z.string(),
  cameraId: z.string(),
  image: objectRefSchema.describe('The JPEG the camera showed when the view was taken'),
  takenBy: z.string().describe("The token's subject of whoever took it"),
  takenByRole: z.string(),
  reason: z.string(),
  takenAt: z.string(),
  replacedAt: z.string().nullable().describe('When a re-take replaced it; null for the current view'),
}) satisfies z.ZodType<ReferenceViewView>;
const referenceViewHistorySchema = z.object({
  current: referenceViewSchema.nullable(),
  history: z.array(referenceViewSchema).describe('Every take, newest first'),
}) satisfies z.ZodType<ReferenceViewHistory>;
// --- camera-ingest: reference views (end) ---

const refusal = (description: string): RouteResponse => ({ description, schema: refusalSchema });
const params = (...names: readonly string[]) =>
  z.object(Object.fromEntries(names.map((name) => [name, idSchema])));

const pushResponses: Readonly<Record<number, RouteResponse>> = {
  200: {
    description:
      'Accepted or duplicate, in the vendor\'s words: `{"status":"accepted"|"duplicate"}` (Hikvision, Dahua); ' +
      '`{"Response_AlarmInfoPlate":{"info":"ok"|"no"}}` (Vzenith: "ok" lifts the barrier)',
  },
  400: refusal('malformed-payload, missing-part'),
  401: refusal('unauthorised: unknown device, wrong vendor or bad secret'),
  403: refusal('source-not-allowed'),
  404: refusal('unknown-vendor'),
  413: refusal('payload-too-large, image-too-large'),
  415: refusal('unsupported-media-type'),
  422: refusal('invalid-field'),
  503: refusal(
    'storage-unavailable, or push-in-flight (a re-push while the first attempt of the capture is still ' +
      'being stored, past PUSH_IN_FLIGHT_WAIT_MS); both with `Retry-After` (seconds): retry',
  ),
};
const pushBody =
  'Body as the vendor sends it: Hikvision `multipart/form-data` (anpr.xml + JPEGs), Vzenith JSON ' +
  '`AlarmInfoPlate`, Dahua JSON traffic event; see docs/camera-ingest.md.';
const vendorParams = z.object({ vendor: z.enum(PUSH_VENDORS), deviceId: idSchema });
const registryRefusals = {
  400: refusal('invalid-request'),
  401: refusal('unauthenticated: no valid bearer token'),
  403: refusal('forbidden: the role may not do this'),
  404: refusal('not-found (tenant-scoped; also another enterprise)'),
};

/** The cameras' listener (`HTTP_PORT`). */
const pushRoutes: RouteDescriptor[] = [
  {
    method: 'post',
    path: '/push/:vendor/:deviceId/:secret',
    summary: `ANPR push, secret in the path (cameras that only take a URL). ${pushBody}`,
    tags: ['push'],
    params: vendorParams.extend({ secret: z.string() }),
    responses: pushResponses,
  },
  {
    method: 'post',
    path: '/push/:vendor/:deviceId',
    summary: `ANPR push, secret in the ${SECRET_HEADER} header. ${pushBody}`,
    tags: ['push'],
    params: vendorParams,
    headers: z.object({ [SECRET_HEADER]: z.string() }),
    responses: pushResponses,
  },
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness with a database round trip',
    tags: ['operations'],
    responses: { 200: { description: 'Up', schema: z.object({ status: z.literal('ok') }) } },
  },
];

const E = '/api/v1/enterprises/:enterpriseId';

/** The operators' and services' listener (`API_HTTP_PORT`), behind the policy guard. */
const apiRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: `${E}/sites`,
    summary: "The enterprise's sites",
    tags: ['registry'],
    params: params('enterpriseId'),
    responses: { 200: { description: 'Sites', schema: z.array(siteViewSchema) }, ...registryRefusals },
  },
  {
    method: 'get',
    path: `${E}/gates`,
    summary: "The enterprise's gates, each with its site",
    tags: ['registry'],
    params: params('enterpriseId'),
    responses: { 200: { description: 'Gates', schema: z.array(gateViewSchema) }, ...registryRefusals },
  },
  {
    method: 'get',
    path: `${E}/lanes`,
    summary: "The enterprise's lanes, each with its gate",
    tags: ['registry'],
    params: params('enterpriseId'),
    responses: { 200: { description: 'Lanes', schema: z.array(laneViewSchema) }, ...registryRefusals },
  },
  {
    method: 'put',
    path: `${E}/sites/:siteId`,
    summary: 'Create or replace a site',
    tags: ['registry'],
    params: params('enterpriseId', 'siteId'),
    body: putSiteSchema,
    responses: { 204: { description: 'Stored' }, ...registryRefusals },
  },
  {
    method: 'put',
    path: `${E}/gates/:gateId`,
    summary: 'Create or replace a gate of a site',
    tags: ['registry'],
    params: params('enterpriseId', 'gateId'),
    body: putGateSchema,
    responses: { 204: { description: 'Stored' }, ...registryRefusals },
  },
  {
    method: 'put',
    path: `${E}/lanes/:laneId`,
    summary: 'Create or replace a lane of a gate',
    tags: ['registry'],
    params: params('enterpriseId', 'laneId'),
    body: putLaneSchema,
    responses: { 204: { description: 'Stored' }, ...registryRefusals },
  },
  {
    method: 'post',
    path: `${E}/devices`,
    summary:
      'Register a device (a loading-area camera on a site, any other on a lane); an ANPR camera gets its push secret once, here',
    tags: ['registry'],
    params: params('enterpriseId'),
    body: createDeviceSchema,
    responses: {
      201: { description: 'Created', schema: issuedDeviceSchema },
      ...registryRefusals,
      409: refusal('conflict: the id is taken'),
    },
  },
  {
    method: 'patch',
    path: `${E}/devices/:deviceId`,
    summary: 'Change a device (rotatePushSecret issues a new secret, returned once)',
    tags: ['registry'],
    params: params('enterpriseId', 'deviceId'),
    body: updateDeviceSchema,
    responses: { 200: { description: 'Changed', schema: issuedDeviceSchema }, ...registryRefusals },
  },
  {
    method: 'get',
    path: `${E}/devices`,
    summary: "The enterprise's devices",
    tags: ['registry'],
    params: params('enterpriseId'),
    responses: {
      200: { description: 'Devices', schema: z.array(deviceViewSchema) },
      ...registryRefusals,
    },
  },
  {
    method: 'get',
    path: `${E}/devices/:deviceId`,
    summary: 'One device',
    tags: ['registry'],
    params: params('enterpriseId', 'deviceId'),
    responses: { 200: { description: 'The device', schema: deviceViewSchema }, ...registryRefusals },
  },
  {
    method: 'post',
    path: `${E}/sites/:siteId/onvif-discovery`,
    summary:
      "List the ONVIF devices in the site's discovery networks (a unicast WS-Discovery probe to each " +
      'host, answers awaited `timeoutMs` after the last), each marked when already registered',
    tags: ['onvif'],
    params: params('enterpriseId', 'siteId'),
    body: discoveryRequestSchema,
    responses: {
      200: { description: 'The devices that answered', schema: siteDiscoverySchema },
      ...registryRefusals,
      409: refusal(
        'discovery-disabled (ONVIF_DISCOVERY_ENABLED is off), no-discovery-networks (the site has none), ' +
          'discovery-refused (a site network is no longer inside DEVICE_ALLOWED_NETWORKS), ' +
          'conflict (a discovery of the site is running)',
      ),
    },
  },
  {
    method: 'get',
    path: `${E}/devices/:deviceId/media`,
    summary: "An ONVIF camera's media profiles with RTSP stream and snapshot URIs, asked live",
    tags: ['onvif'],
    params: params('enterpriseId', 'deviceId'),
    responses: {
      200: { description: 'Media profiles with their stream and snapshot URIs', schema: deviceMediaSchema },
      ...registryRefusals,
      502: refusal('the camera did not answer or refused'),
    },
  },
  // --- camera-ingest: reference views (begin) ---
  {
    method: 'post',
    path: `${E}/devices/:deviceId/reference-view`,
    summary:
      "Take (or re-take) a camera's reference view from its current snapshot: the view check compares " +
      'every later snapshot with it. Each take is kept with who, when and why, and logged for the audit',
    tags: ['tamper'],
    params: params('enterpriseId', 'deviceId'),
    body: takeReferenceViewSchema,
    responses: {
      201: { description: 'The new current view', schema: referenceViewSchema },
      ...registryRefusals,
      403: refusal(
        'forbidden: the role may not do this; retake-needs-city: the camera has a view, which only a city-operator re-takes',
      ),
      409: refusal('snapshot-unsupported: not an ONVIF or Hikvision camera with an address and login'),
      502: refusal('the camera did not answer, refused, or sent no readable image'),
      503: refusal('analysis-busy: the view analysis is saturated; retry after `Retry-After` seconds'),
    },
  },
  {
    method: 'get',
    path: `${E}/devices/:deviceId/reference-view`,
    summary: "A camera's current reference view and every earlier take",
    tags: ['tamper'],
    params: params('enterpriseId', 'deviceId'),
    responses: {
      200: {
        description: 'Current view (null before commissioning) and history',
        schema: referenceViewHistorySchema,
      },
      ...registryRefusals,
    },
  },
  {
    method: 'get',
    path: `${E}/devices/:deviceId/reference-view/:viewId/image`,
    summary: "One take's picture: a redirect to a short-lived link of the stored JPEG",
    tags: ['tamper'],
    params: params('enterpriseId', 'deviceId', 'viewId'),
    responses: {
      302: { description: 'Location: a presigned link, valid for a minute' },
      ...registryRefusals,
    },
  },
  // --- camera-ingest: reference views (end) ---
];

/** The push listener's document, served at its `GET /openapi.json`. */
export const cameraIngestPushOpenApi = buildOpenApiDocument(
  {
    title: 'Ecogate camera-ingest: camera pushes',
    version: '1',
    description: 'ANPR push receivers (HTTP_PORT); each push carries its device secret',
  },
  pushRoutes,
);

/** The API listener's document, served at its `GET /openapi.json`. */
export const cameraIngestApiOpenApi = buildOpenApiDocument(
  {
    title: 'Ecogate camera-ingest: device registry',
    version: '1',
    description: 'Sites, gates, lanes, devices and ONVIF media (API_HTTP_PORT); bearer token required',
  },
  apiRoutes,
);
