import { buildOpenApiDocument, type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { consoleRoutes } from '../console';
import { enterpriseRoutes } from '../enterprises';
import { liveRoutes } from '../live';
import { objectRoutes } from '../objects';
import { oidcRoutes } from '../oidc';
import { newKeyBody } from './api-keys.controller';
import { codeBody, loginBody, passwordBody } from './auth.controller';
import {
  apiKeyViewSchema,
  createdApiKeySchema,
  createdUserSchema,
  healthSchema,
  meSchema,
  oneTimePasswordSchema,
  sessionAccountSchema,
  totpEnrolmentSchema,
  userViewSchema,
} from './gateway.responses';
import { newUserBody } from './users.controller';

const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });
const person = {
  401: refusal('unauthenticated, session-ended'),
  403: refusal('csrf-failed, forbidden, password-change-required, totp-enrolment-required'),
};
const enterprise = z.object({ enterpriseId: z.string() });
const user = enterprise.extend({ userId: z.uuid() });

const adminActions = (base: string, params: z.ZodObject, tag: string): RouteDescriptor[] => [
  {
    method: 'post',
    path: `${base}/:userId/reset-password`,
    summary: 'New one-time password (answered once); the user must change it, sessions end',
    tags: [tag],
    params,
    responses: {
      200: { description: 'The new one-time password', schema: oneTimePasswordSchema },
      ...person,
      404: refusal('not-found'),
    },
  },
  ...(['disable', 'enable', 'unlock'] as const).map((action): RouteDescriptor => ({
    method: 'post',
    path: `${base}/:userId/${action}`,
    summary: `${action[0]?.toUpperCase()}${action.slice(1)} the account${action === 'disable' ? ' (its sessions end)' : ''}`,
    tags: [tag],
    params,
    responses: { 204: { description: 'Done' }, ...person, 404: refusal('not-found') },
  })),
];

const routes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness',
    tags: ['health'],
    responses: { 200: { description: 'Alive', schema: healthSchema } },
  },
  {
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in: sets the access, refresh and csrf cookies',
    tags: ['session'],
    body: loginBody,
    responses: {
      200: { description: 'The account with `pendingActions`', schema: sessionAccountSchema },
      400: refusal('invalid-request'),
      401: refusal('invalid-credentials, totp-required, invalid-totp'),
      403: refusal('account-disabled'),
      423: refusal('account-locked'),
      429: refusal('rate-limited'),
    },
  },
  {
    method: 'post',
    path: '/auth/refresh',
    summary: 'Rotate the refresh cookie (single-use; reuse ends the session) and renew the access cookie',
    tags: ['session'],
    responses: {
      200: { description: 'The account with `pendingActions`', schema: sessionAccountSchema },
      401: refusal('session-ended'),
      403: refusal('csrf-failed'),
    },
  },
  {
    method: 'post',
    path: '/auth/logout',
    summary: 'End the session',
    tags: ['session'],
    responses: { 204: { description: 'Signed out' }, ...person },
  },
  {
    method: 'get',
    path: '/auth/me',
    summary: 'The signed-in account, its enterprises and pending actions',
    tags: ['session'],
    responses: {
      200: { description: 'The account, its pending actions and enterprises', schema: meSchema },
      ...person,
    },
  },
  {
    method: 'post',
    path: '/auth/password',
    summary: 'Change the password (ends the account’s other sessions)',
    tags: ['session'],
    body: passwordBody,
    responses: { 204: { description: 'Changed' }, 400: refusal('weak-password, invalid-request'), ...person },
  },
  {
    method: 'post',
    path: '/auth/totp/enrol',
    summary: 'Start TOTP enrolment: `{secret, uri}` (uri = otpauth:// for a QR code)',
    tags: ['session'],
    responses: {
      200: { description: 'The secret and its otpauth:// URI', schema: totpEnrolmentSchema },
      ...person,
      409: refusal('conflict'),
    },
  },
  {
    method: 'post',
    path: '/auth/totp/confirm',
    summary: 'Confirm enrolment with a current code: TOTP is then required at login',
    tags: ['session'],
    body: codeBody,
    responses: { 204: { description: 'Enabled' }, ...person, 401: refusal('invalid-totp') },
  },
  {
    method: 'post',
    path: '/auth/totp/disable',
    summary: 'Turn TOTP off (not for roles that require it)',
    tags: ['session'],
    body: codeBody,
    responses: {
      204: { description: 'Disabled' },
      ...person,
      401: refusal('invalid-totp'),
      409: refusal('conflict'),
    },
  },
  {
    method: 'get',
    path: '/api/gateway/v1/users',
    summary: 'Every account (city-admin)',
    tags: ['users'],
    responses: { 200: { description: 'Accounts', schema: z.array(userViewSchema) }, ...person },
  },
  {
    method: 'post',
    path: '/api/gateway/v1/users',
    summary: 'Create an account with a one-time password (answered once)',
    tags: ['users'],
    body: newUserBody,
    responses: {
      201: { description: 'The account and its one-time password', schema: createdUserSchema },
      400: refusal('invalid-request'),
      ...person,
      404: refusal('enterprise-not-found (an enterprise role for an enterprise not in the directory)'),
      409: refusal('username-taken'),
    },
  },
  ...adminActions('/api/gateway/v1/users', z.object({ userId: z.uuid() }), 'users'),
  {
    method: 'get',
    path: '/api/gateway/v1/enterprises/:enterpriseId/users',
    summary: 'The enterprise’s accounts',
    tags: ['enterprise users'],
    params: enterprise,
    responses: {
      200: { description: 'Accounts', schema: z.array(userViewSchema) },
      ...person,
      404: refusal('not-found'),
    },
  },
  {
    method: 'post',
    path: '/api/gateway/v1/enterprises/:enterpriseId/users',
    summary: 'Create an enterprise-admin or enterprise-staff account of this enterprise',
    tags: ['enterprise users'],
    params: enterprise,
    body: newUserBody.omit({ enterpriseId: true, districts: true }),
    responses: {
      201: { description: 'The account and its one-time password', schema: createdUserSchema },
      400: refusal('invalid-request'),
      ...person,
      404: refusal('not-found'),
      409: refusal('username-taken'),
    },
  },
  ...adminActions('/api/gateway/v1/enterprises/:enterpriseId/users', user, 'enterprise users'),
  {
    method: 'get',
    path: '/api/gateway/v1/enterprises/:enterpriseId/api-keys',
    summary: 'The enterprise’s integrator keys (never their secrets), with last use',
    tags: ['api keys'],
    params: enterprise,
    responses: {
      200: { description: 'Keys', schema: z.array(apiKeyViewSchema) },
      ...person,
      404: refusal('not-found'),
    },
  },
  {
    method: 'post',
    path: '/api/gateway/v1/enterprises/:enterpriseId/api-keys',
    summary: 'Create a key: the secret is in this answer only',
    tags: ['api keys'],
    params: enterprise,
    body: newKeyBody,
    responses: {
      201: { description: 'The key and its secret (shown once)', schema: createdApiKeySchema },
      400: refusal('invalid-request'),
      ...person,
      404: refusal('not-found'),
    },
  },
  {
    method: 'delete',
    path: '/api/gateway/v1/enterprises/:enterpriseId/api-keys/:keyId',
    summary: 'Revoke a key',
    tags: ['api keys'],
    params: enterprise.extend({ keyId: z.uuid() }),
    responses: { 204: { description: 'Revoked' }, ...person, 404: refusal('not-found') },
  },
];

/**
 * The gateway's own routes. Proxied service routes (`/api/<service>/v1/...`) are documented by
 * each service's own `/openapi.json`.
 */
export const gatewayOpenApi = buildOpenApiDocument(
  {
    title: 'Ecogate gateway',
    version: '1',
    description:
      'Sign-in (password or the city identity provider), sessions (cookies + X-CSRF-Token), users, integrator API keys, the enterprise directory, the live lanes stream (Server-Sent Events), (embedded profile) signed links to objects and (where configured) the console. Services are reached at /api/<service>/v1/...',
  },
  [...routes, ...oidcRoutes, ...enterpriseRoutes, ...liveRoutes, ...objectRoutes, ...consoleRoutes],
);
