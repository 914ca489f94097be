/**
 * Who a person (or program) is to Ecogate. One list; `policy-table.ts` says what each may do and
 * `docs/security.md` is generated from both.
 */
export const ROLES = [
  /** Users, enterprises, alert levels for the city. */
  'city-admin',
  /** Devices, platform upload, camera outages, for the city. */
  'city-operator',
  /** Read-only within their districts; evidence export. */
  'inspector',
  /** Their enterprise: users, emergency plan, vehicles, lanes. */
  'enterprise-admin',
  /** Gatekeeper: live lanes, manual release/refuse, confirm reads, manual entries, documents. */
  'enterprise-staff',
  /** A program holding an enterprise's API key, limited to the key's scopes. */
  'integrator',
  /** Another Ecogate service calling with a token it signed with its own key. */
  'service',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person can hold (`service` and `integrator` are programs). */
export const PERSON_ROLES = [
  'city-admin',
  'city-operator',
  'inspector',
  'enterprise-admin',
  'enterprise-staff',
] as const satisfies readonly Role[];
export type PersonRole = (typeof PERSON_ROLES)[number];

/** What an integrator's API key may be scoped to. */
export const API_SCOPES = [
  'passages:read',
  'passages:write',
  'vehicles:read',
  'vehicles:write',
  'documents:write',
  'video:read',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The services that sign their own tokens for service-to-service calls. */
export const SERVICE_NAMES = [
  'barrier-control',
  'camera-ingest',
  'gateway',
  'ledger',
  'plate-recognition',
  'provincial-upload',
  'video-archive',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
