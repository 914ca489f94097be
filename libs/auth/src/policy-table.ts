import { type Rule, type ServicePolicy } from './policy';

/**
 * THE policy: every route of every service × who may call it. A route missing here is refused
 * (and fails the route-matrix test). Routes under `/api/v1/enterprises/{enterpriseId}` are also
 * limited to the caller's enterprises (`decide`); a route without an enterprise in its path is for
 * city-wide roles and services only (checked by `policy-table.spec.ts`).
 */
const publicRoute: Rule = { open: 'public' };
const device: Rule = { open: 'device' };

/** Everyone who may read an enterprise's records. */
const readers = ['city-admin', 'city-operator', 'inspector', 'enterprise-admin', 'enterprise-staff'] as const;
/** Personal data (行驶证 scans, driver details): not the city's technical operators. */
const personalDataReaders = ['city-admin', 'inspector', 'enterprise-admin', 'enterprise-staff'] as const;
const enterpriseUsers = ['enterprise-admin', 'enterprise-staff'] as const;
/** Who may confirm or correct a doubtful read (待确认); inspectors only read the queue. */
const reviewResolvers = ['city-admin', 'city-operator', 'enterprise-admin', 'enterprise-staff'] as const;

const E = '/api/v1/enterprises/{enterpriseId}';
/** Every person: the gateway's session routes act on the caller's own account only. */
const people = ['city-admin', 'city-operator', 'inspector', 'enterprise-admin', 'enterprise-staff'] as const;
const enterpriseAdmins = ['city-admin', 'enterprise-admin'] as const;

// --- ledger: export over several enterprises (begin) ---
/** City roles that export several enterprises at once (an inspector only those of their districts). */
const cityExporters = ['city-admin', 'city-operator', 'inspector'] as const;
/** The ledger checks each enterprise of the body against the caller's token, and shows a job only when it covers all. */
const LEDGER_CALLER_FILTERED = ['POST /api/v1/exports', 'GET /api/v1/exports', 'GET /api/v1/exports/{jobId}'];
// --- ledger: export over several enterprises (end) ---

// --- ledger: inspections (begin) ---
/** Who runs an inspection (in their districts: the token's enterprises); it shows personal data, so not city operators. */
const inspectionRunners = ['city-admin', 'inspector'] as const;
/** An inspected enterprise's admin may read its inspections, never change them. */
const inspectionReaders = ['city-admin', 'inspector', 'enterprise-admin'] as const;
// --- ledger: inspections (end) ---

// --- gateway: enterprise directory (begin) ---
const DIRECTORY = '/api/gateway/v1/enterprises';
/** City-wide roles, and inspectors for the enterprises of their districts. */
const directoryReaders = ['city-admin', 'city-operator', 'inspector'] as const;
/**
 * Routes without an enterprise in their path that still admit inspectors: the controller filters
 * the answer to the caller's enterprises (`Principal.enterprises`), so nothing outside leaks.
 */
export const CALLER_FILTERED_ROUTES: readonly string[] = [
  `GET ${DIRECTORY}`,
  // The ledger's city view by district: the ledger keeps the enterprises of the caller's token.
  'GET /api/v1/statistics/districts',
  // The city's view during an alert, and its stream: both keep the enterprises of the token.
  'GET /api/v1/alert-view',
  'GET /api/live/v1/alert-view',
  ...LEDGER_CALLER_FILTERED,
  // The inspections of the caller's enterprises: the ledger keeps those of the token.
  'GET /api/v1/inspections',
];
// --- gateway: enterprise directory (end) ---

export const POLICY = {
  ledger: {
    'GET /health': publicRoute,
    [`GET ${E}/passages`]: { roles: readers, apiScope: 'passages:read' },
    [`GET ${E}/passages/{passageId}`]: { roles: readers, apiScope: 'passages:read' },
    [`PATCH ${E}/passages/{passageId}`]: { roles: enterpriseUsers, apiScope: 'passages:write' },
    [`GET ${E}/statistics/daily-stages`]: { roles: readers, apiScope: 'passages:read' },
    [`GET ${E}/vehicles/{plate}`]: {
      roles: readers,
      apiScope: 'vehicles:read',
      services: ['barrier-control'],
    },
    [`PUT ${E}/vehicles/{plate}`]: { roles: ['enterprise-admin'], apiScope: 'vehicles:write' },
    [`GET ${E}/vehicles/{plate}/documents/{kind}`]: { roles: personalDataReaders },
    [`PUT ${E}/vehicles/{plate}/documents/{kind}`]: { roles: enterpriseUsers, apiScope: 'documents:write' },
    [`GET ${E}/vehicles/{plate}/stage-lookup`]: { roles: readers, apiScope: 'vehicles:read' },
    // Spends the city's quota at the source: the enterprise's people and inspectors re-determining a stage.
    [`POST ${E}/vehicles/{plate}/stage-lookup`]: {
      roles: ['city-admin', 'inspector', ...enterpriseUsers],
      apiScope: 'vehicles:write',
    },
    // --- ledger: vehicle documents read by the machine, stage disagreements (begin) ---
    // A read shows the licence's fields (personal data): not the city's technical operators.
    [`POST ${E}/vehicle-document-reads`]: { roles: enterpriseUsers, apiScope: 'documents:write' },
    [`GET ${E}/vehicle-document-reads`]: { roles: personalDataReaders, apiScope: 'vehicles:read' },
    [`GET ${E}/vehicle-document-reads/{readId}`]: { roles: personalDataReaders, apiScope: 'vehicles:read' },
    // Confirming writes the vehicle's VIN, dates and type: whoever may write the vehicle.
    [`POST ${E}/vehicle-document-reads/{readId}/confirmation`]: {
      roles: ['enterprise-admin'],
      apiScope: 'vehicles:write',
    },
    // Plate recognition's own token only: the plates a site knows, to settle a doubtful read (issue #20).
    [`GET ${E}/known-plates`]: { roles: [], services: ['plate-recognition'] },
    [`GET ${E}/vehicle-reviews`]: { roles: readers, apiScope: 'vehicles:read' },
    [`POST ${E}/vehicle-reviews/{plate}/resolution`]: {
      roles: ['enterprise-admin'],
      apiScope: 'vehicles:write',
    },
    // --- ledger: vehicle documents read by the machine, stage disagreements (end) ---
    [`GET ${E}/in-plant-vehicles`]: { roles: readers, apiScope: 'vehicles:read' },
    [`GET ${E}/in-plant-vehicles/{number}`]: { roles: readers, apiScope: 'vehicles:read' },
    [`PUT ${E}/in-plant-vehicles/{number}`]: { roles: ['enterprise-admin'], apiScope: 'vehicles:write' },
    [`GET ${E}/machinery`]: { roles: readers, apiScope: 'vehicles:read' },
    [`GET ${E}/machinery/{code}`]: { roles: readers, apiScope: 'vehicles:read' },
    [`PUT ${E}/machinery/{code}`]: { roles: ['enterprise-admin'], apiScope: 'vehicles:write' },
    [`GET ${E}/alert-level`]: { roles: readers, services: ['barrier-control'] },
    [`PUT ${E}/alert-level`]: { roles: ['city-admin'] },
    [`GET ${E}/emergency-plan`]: { roles: readers, services: ['barrier-control'] },
    [`PUT ${E}/emergency-plan`]: { roles: ['enterprise-admin'] },
    [`GET ${E}/retention-policy`]: { roles: readers },
    [`PUT ${E}/retention-policy`]: { roles: ['city-admin'] },
    // The web console (issue #13): photos for browsers, the review queue, manual passages, statistics.
    [`GET ${E}/passages/{passageId}/photos/{side}/{kind}`]: { roles: readers },
    [`GET ${E}/decisions/{decisionId}/photos/{kind}`]: { roles: readers },
    [`GET ${E}/review-items`]: { roles: readers },
    [`POST ${E}/review-items/{passageId}/resolution`]: { roles: reviewResolvers },
    [`POST ${E}/passages/manual`]: { roles: enterpriseUsers },
    [`GET ${E}/statistics/summary`]: { roles: readers, apiScope: 'passages:read' },
    // 拦截记录: the refused attempts, read like the passages.
    [`GET ${E}/refused-attempts`]: { roles: readers, apiScope: 'passages:read' },
    // City view by district: city-wide roles, and inspectors for the enterprises of their token.
    'GET /api/v1/statistics/districts': { roles: ['city-admin', 'city-operator', 'inspector'] },
    // The city's view during an orange or red alert (issue #23): the same callers, the same filter.
    'GET /api/v1/alert-view': { roles: ['city-admin', 'city-operator', 'inspector'] },
    'GET /api/v1/operations/dead-letters': { roles: ['city-operator'] },
    'POST /api/v1/operations/dead-letters/replay': { roles: ['city-operator'] },
    // --- ledger: Excel export (begin) ---
    [`POST ${E}/exports`]: { roles: readers },
    [`GET ${E}/exports`]: { roles: readers },
    [`GET ${E}/exports/{jobId}`]: { roles: readers },
    'POST /api/v1/exports': { roles: cityExporters },
    'GET /api/v1/exports': { roles: cityExporters },
    'GET /api/v1/exports/{jobId}': { roles: cityExporters },
    // --- ledger: Excel export (end) ---
    // --- ledger: inspections (begin) ---
    [`POST ${E}/inspections`]: { roles: inspectionRunners },
    [`GET ${E}/inspections/{inspectionId}`]: { roles: inspectionReaders },
    [`GET ${E}/inspections/{inspectionId}/indicators`]: { roles: inspectionReaders },
    [`PUT ${E}/inspections/{inspectionId}/items/{itemId}`]: { roles: inspectionRunners },
    [`POST ${E}/inspections/{inspectionId}/close`]: { roles: inspectionRunners },
    // Report and evidence packs: whoever may read the inspection (every one audited).
    [`GET ${E}/inspections/{inspectionId}/report.pdf`]: { roles: inspectionReaders },
    [`POST ${E}/inspections/{inspectionId}/evidence-packs`]: { roles: inspectionReaders },
    [`GET ${E}/inspections/{inspectionId}/evidence-packs/{packId}`]: { roles: inspectionReaders },
    [`GET ${E}/inspections`]: { roles: inspectionReaders },
    'GET /api/v1/inspections': { roles: inspectionRunners },
    // Barrier control's violations at the enterprise's lanes (an inspection indicator).
    [`GET ${E}/violations`]: { roles: readers },
    // --- ledger: inspections (end) ---
    // --- ledger: hash chain (begin) ---
    // The tamper-evident ledger's verify: city roles, and inspectors for the enterprises of their districts.
    [`GET ${E}/chain/verify`]: { roles: ['city-admin', 'city-operator', 'inspector'] },
    // --- ledger: hash chain (end) ---
    // --- ledger: loading areas (begin) ---
    // Anti-evasion anomalies and the sightings behind them: the enterprise and the city (issue #17).
    [`GET ${E}/loading-area-anomalies`]: { roles: readers },
    [`GET ${E}/loading-area-sightings`]: { roles: readers },
    [`GET ${E}/loading-area-sightings/{sightingId}/photos/{kind}`]: { roles: readers },
    // --- ledger: loading areas (end) ---
    // --- ledger: camera tamper episodes (begin) ---
    // Read like the outages and the alert view's cameras (issue #17); the images like the passage photos.
    [`GET ${E}/camera-tamper-episodes`]: { roles: readers },
    [`GET ${E}/camera-tamper-episodes/{episodeId}/images/{image}`]: { roles: readers },
    // --- ledger: camera tamper episodes (end) ---
  },
  'barrier-control': {
    'GET /health': publicRoute,
    [`POST ${E}/lanes/{laneId}/manual`]: { roles: enterpriseUsers },
    [`POST ${E}/lanes/{laneId}/barrier-state`]: { roles: ['city-operator'], services: ['camera-ingest'] },
    [`GET ${E}/lanes/{laneId}/vzenith-reply`]: { roles: [], services: ['camera-ingest'] },
  },
  'camera-ingest': {
    'GET /health': publicRoute,
    'POST /push/{vendor}/{deviceId}/{secret}': device,
    'POST /push/{vendor}/{deviceId}': device,
    // The device tree (the console's 设备 page) reads like the devices.
    [`GET ${E}/sites`]: { roles: ['city-admin', 'city-operator', 'inspector', 'enterprise-admin'] },
    [`GET ${E}/gates`]: { roles: ['city-admin', 'city-operator', 'inspector', 'enterprise-admin'] },
    [`GET ${E}/lanes`]: { roles: ['city-admin', 'city-operator', 'inspector', 'enterprise-admin'] },
    [`PUT ${E}/sites/{siteId}`]: { roles: ['enterprise-admin', 'city-operator'] },
    [`PUT ${E}/gates/{gateId}`]: { roles: ['enterprise-admin', 'city-operator'] },
    [`PUT ${E}/lanes/{laneId}`]: { roles: ['enterprise-admin', 'city-operator'] },
    [`POST ${E}/devices`]: { roles: ['city-operator'] },
    // Lists devices to register, by sweeping the site's networks: whoever registers devices.
    [`POST ${E}/sites/{siteId}/onvif-discovery`]: { roles: ['city-operator'] },
    [`GET ${E}/devices`]: { roles: ['city-admin', 'city-operator', 'inspector', 'enterprise-admin'] },
    [`GET ${E}/devices/{deviceId}`]: {
      roles: ['city-admin', 'city-operator', 'inspector', 'enterprise-admin'],
    },
    [`PATCH ${E}/devices/{deviceId}`]: { roles: ['city-operator'] },
    [`GET ${E}/devices/{deviceId}/media`]: { roles: readers, services: ['video-archive'] },
    // --- camera-ingest: reference views (begin) ---
    // Who commissions a camera takes its first reference view; only the city re-takes it (the
    // service refuses an enterprise's re-take). Audited: every take is kept and logged.
    [`POST ${E}/devices/{deviceId}/reference-view`]: { roles: ['enterprise-admin', 'city-operator'] },
    [`GET ${E}/devices/{deviceId}/reference-view`]: {
      roles: ['city-admin', 'city-operator', 'inspector', 'enterprise-admin'],
    },
    [`GET ${E}/devices/{deviceId}/reference-view/{viewId}/image`]: {
      roles: ['city-admin', 'city-operator', 'inspector', 'enterprise-admin'],
    },
    // --- camera-ingest: reference views (end) ---
  },
  'video-archive': {
    'GET /health': publicRoute,
    [`PUT ${E}/cameras/{cameraId}/legal-hold`]: { roles: ['city-admin', 'city-operator'] },
    [`POST ${E}/outage-filings`]: { roles: ['enterprise-admin', 'city-operator'] },
    [`GET ${E}/outage-filings`]: { roles: readers },
    // The ledger puts a sampled passage's clips into an inspection's evidence pack.
    [`GET ${E}/passages/{passageId}/clips`]: { roles: readers, apiScope: 'video:read', services: ['ledger'] },
    [`GET ${E}/cameras/{cameraId}/playlist.m3u8`]: { roles: readers, apiScope: 'video:read' },
    [`GET ${E}/retention-report`]: { roles: readers },
    // Outages against filings, read by the ledger for an inspection's indicators.
    [`GET ${E}/outages`]: { roles: readers, services: ['ledger'] },
    // --- video-archive: window scans (begin) ---
    // Plates read from an inspection's video window: the ledger's inspections ask for and read them;
    // city roles and inspectors (in their districts) run a scan; enterprise roles read theirs only.
    [`POST ${E}/window-scans`]: { roles: ['city-admin', 'city-operator', 'inspector'], services: ['ledger'] },
    [`GET ${E}/window-scans/{scanId}`]: { roles: readers, apiScope: 'video:read', services: ['ledger'] },
    [`GET ${E}/window-scans/{scanId}/frames/{n}.jpg`]: {
      roles: readers,
      apiScope: 'video:read',
      services: ['ledger'],
    },
    // --- video-archive: window scans (end) ---
  },
  'provincial-upload': {
    'GET /health': publicRoute,
    [`GET ${E}/upload/backlog`]: { roles: readers },
    [`GET ${E}/upload/transmission-rate`]: { roles: readers },
    [`GET ${E}/upload/records`]: { roles: readers },
    [`GET ${E}/upload/records/{serial}`]: { roles: readers },
    [`POST ${E}/upload/records/{serial}/re-push`]: { roles: ['city-operator', 'enterprise-admin'] },
    [`POST ${E}/upload/re-push`]: { roles: ['city-operator', 'enterprise-admin'] },
    [`POST ${E}/upload/records/{serial}/correction`]: { roles: enterpriseUsers },
    'GET /api/v1/upload/status': { roles: ['city-admin', 'city-operator'] },
    'POST /api/v1/upload/status/resume': { roles: ['city-operator'] },
  },
  /** The gateway's own routes (its proxy applies the other services' sections before forwarding). */
  gateway: {
    'GET /health': publicRoute,
    'POST /auth/login': publicRoute,
    // The refresh cookie is the credential (single-use, checked by the session store).
    'POST /auth/refresh': publicRoute,
    'POST /auth/logout': { roles: people },
    'GET /auth/me': { roles: people },
    'POST /auth/password': { roles: people },
    'POST /auth/totp/enrol': { roles: people },
    'POST /auth/totp/confirm': { roles: people },
    'POST /auth/totp/disable': { roles: people },
    'GET /api/gateway/v1/users': { roles: ['city-admin'] },
    'POST /api/gateway/v1/users': { roles: ['city-admin'] },
    'POST /api/gateway/v1/users/{userId}/reset-password': { roles: ['city-admin'] },
    'POST /api/gateway/v1/users/{userId}/disable': { roles: ['city-admin'] },
    'POST /api/gateway/v1/users/{userId}/enable': { roles: ['city-admin'] },
    'POST /api/gateway/v1/users/{userId}/unlock': { roles: ['city-admin'] },
    'GET /api/gateway/v1/enterprises/{enterpriseId}/users': { roles: enterpriseAdmins },
    'POST /api/gateway/v1/enterprises/{enterpriseId}/users': { roles: enterpriseAdmins },
    'POST /api/gateway/v1/enterprises/{enterpriseId}/users/{userId}/reset-password': {
      roles: enterpriseAdmins,
    },
    'POST /api/gateway/v1/enterprises/{enterpriseId}/users/{userId}/disable': { roles: enterpriseAdmins },
    'POST /api/gateway/v1/enterprises/{enterpriseId}/users/{userId}/enable': { roles: enterpriseAdmins },
    'POST /api/gateway/v1/enterprises/{enterpriseId}/users/{userId}/unlock': { roles: enterpriseAdmins },
    'GET /api/gateway/v1/enterprises/{enterpriseId}/api-keys': { roles: enterpriseAdmins },
    'POST /api/gateway/v1/enterprises/{enterpriseId}/api-keys': { roles: enterpriseAdmins },
    'DELETE /api/gateway/v1/enterprises/{enterpriseId}/api-keys/{keyId}': { roles: enterpriseAdmins },
    // --- gateway: single sign-on with the city's identity provider (begin) ---
    'GET /auth/oidc/login': publicRoute,
    'GET /auth/oidc/callback': publicRoute,
    // --- gateway: single sign-on (end) ---
    // --- gateway: enterprise directory (begin) ---
    [`GET ${DIRECTORY}`]: { roles: directoryReaders },
    [`POST ${DIRECTORY}`]: { roles: ['city-admin'] },
    [`GET ${DIRECTORY}/{enterpriseId}`]: { roles: directoryReaders },
    [`PATCH ${DIRECTORY}/{enterpriseId}`]: { roles: ['city-admin'] },
    [`POST ${DIRECTORY}/{enterpriseId}/deactivation`]: { roles: ['city-admin'] },
    // --- gateway: enterprise directory (end) ---
    // Signed links to filesystem objects (embedded profile, ADR 0008): the link's HMAC signature
    // is the credential, checked by the route itself; <img> and <video> cannot send a bearer token.
    // Mounted only where objects live on the filesystem; on MinIO the links point at MinIO.
    'GET /objects/{bucket}/{key}': publicRoute,
    // --- gateway: live lanes (begin) ---
    // Server-Sent Events of one enterprise's decisions, barrier commands and camera status: every
    // person who may see that enterprise (an inspector for the enterprises of their districts);
    // no API scope, integrators read the ledger.
    'GET /api/live/v1/enterprises/{enterpriseId}/lanes': { roles: readers },
    // The city's view during an alert, pushed: the ledger's snapshot for the caller, re-read and sent when it changes.
    'GET /api/live/v1/alert-view': { roles: ['city-admin', 'city-operator', 'inspector'] },
    // --- gateway: live lanes (end) ---
    // --- gateway: console (begin) ---
    // The built console (CONSOLE_DIR): code, not data, loaded before anyone signs in (the sign-in
    // page is part of it). Every data route it calls stays authenticated. Mounted only where
    // configured; its catch-all passes /api, /auth, /objects, /health and /openapi.json on.
    'GET /': publicRoute,
    'GET /assets/{path}': publicRoute,
    'GET /{path}': publicRoute,
    // --- gateway: console (end) ---
  },
  'plate-recognition': {
    'GET /health': publicRoute,
    // Snapshots reach it over Kafka (camera.snapshot.captured.v1). video-archive sends the frames of
    // an inspection's video window (window scans); a city operator checks a photo by hand (the lane
    // bench does the same).
    'POST /recognize': { roles: ['city-operator'], services: ['video-archive'] },
    // The ledger's document-reading job sends the 行驶证 photos a person uploaded (#23).
    'POST /documents/driving-licence/read': { roles: [], services: ['ledger'] },
    // The same job sends the 随车清单 photos for their QR code (#23).
    'POST /documents/inventory-list/read': { roles: [], services: ['ledger'] },
  },
} as const satisfies Readonly<Record<string, ServicePolicy>>;

export type PolicyService = keyof typeof POLICY;
