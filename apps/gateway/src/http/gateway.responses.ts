import { API_SCOPES, PERSON_ROLES } from '@ecogate/auth';
import { z } from 'zod';

// The bodies the gateway's own controllers answer, for its OpenAPI document (the console's
// generated client types). Strict: `gateway-responses.int-spec.ts` parses real answers with them,
// so a field added to a controller without its schema fails there.

const instant = z.iso.datetime({ offset: true });

/** An account as the API shows it (`view()` of accounts.service.ts). */
export const userViewSchema = z.strictObject({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(PERSON_ROLES),
  enterpriseId: z.string().nullable(),
  districts: z.array(z.string()),
  disabled: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Signs in through the city's identity provider (no password here). */
  singleSignOn: z.boolean(),
});

const pendingActions = z
  .array(z.enum(['change-password', 'enrol-totp']))
  .describe('What the session must do before anything else (only these routes are open meanwhile)');

/** `POST /auth/login`, `POST /auth/refresh`: the account and its pending actions. */
export const sessionAccountSchema = userViewSchema.extend({ pendingActions });

/** `GET /auth/me`: the same, with the enterprises the caller may act on. */
export const meSchema = sessionAccountSchema.extend({
  enterprises: z
    .union([z.literal('*'), z.array(z.string())])
    .describe("`*` for city-wide roles; an inspector's are those of their districts"),
});

/** `POST /auth/totp/enrol`. */
export const totpEnrolmentSchema = z.strictObject({
  secret: z.string().describe('base32'),
  uri: z.string().describe('`otpauth://` URI, the QR code content'),
});

/** `POST …/users`: the account and its one-time password (shown once). */
export const createdUserSchema = z.strictObject({ user: userViewSchema, oneTimePassword: z.string() });

/** `POST …/users/{userId}/reset-password`. */
export const oneTimePasswordSchema = z.strictObject({ oneTimePassword: z.string() });

/** An integrator key, never its secret (`keyView()` of api-keys.service.ts). */
export const apiKeyViewSchema = z.strictObject({
  id: z.uuid(),
  enterpriseId: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(API_SCOPES)),
  createdBy: z.string(),
  createdAt: instant,
  expiresAt: instant,
  revokedAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
});

/** `POST …/api-keys`: the key and its secret (in this answer only). */
export const createdApiKeySchema = z.strictObject({ key: apiKeyViewSchema, secret: z.string() });

/** `GET /health`. */
export const healthSchema = z.strictObject({ status: z.literal('ok') });
