import { INDUSTRIES, PERFORMANCE_CLASSES } from '@ecogate/domain';
import { type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { changesSchema, listQuerySchema, registrationSchema } from './enterprise-input';
import { ENTERPRISES_PATH } from './enterprises.controller';

// For the gateway's OpenAPI document (`buildOpenApiDocument`): the directory's routes.
const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });
const BASE = `/${ENTERPRISES_PATH}`;
const enterprise = z.object({ enterpriseId: z.string().describe('The enterprise id') });
const invalid = refusal('invalid-request, invalid-credit-code, invalid-district, below-retention-floor');
const instant = z.iso.datetime({ offset: true });

/** A directory entry as the API answers it (`enterpriseOf`). */
export const enterpriseSchema = z.strictObject({
  id: z.string(),
  creditCode: z.string().describe('统一社会信用代码 (18 characters, canonical)'),
  name: z.string(),
  industry: z.enum(INDUSTRIES),
  districtCode: z.string().describe('6-digit administrative division code'),
  performanceClass: z.enum(PERFORMANCE_CLASSES),
  retention: z.strictObject({ videoDays: z.number().int(), ledgerDays: z.number().int() }),
  active: z.boolean(),
  revision: z.number().int().positive(),
  registeredBy: z.string(),
  registeredAt: instant,
  changedBy: z.string(),
  changedAt: instant,
});

/** One page of the list. */
export const enterprisePageSchema = z.strictObject({
  items: z.array(enterpriseSchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
});
const one = (description: string): RouteResponse => ({ description, schema: enterpriseSchema });

export const enterpriseRoutes: readonly RouteDescriptor[] = [
  {
    method: 'get',
    path: BASE,
    summary: 'List enterprises (filters, pages); inspectors see those of their districts',
    tags: ['enterprises'],
    query: listQuerySchema,
    responses: {
      200: { description: 'One page of enterprises', schema: enterprisePageSchema },
      400: refusal('invalid-request'),
    },
  },
  {
    method: 'post',
    path: BASE,
    summary: 'Register an enterprise (publishes gateway.enterprise.registered.v1)',
    tags: ['enterprises'],
    body: registrationSchema,
    responses: {
      201: one('The enterprise'),
      400: invalid,
      409: refusal('enterprise-exists (same credit code or id)'),
    },
  },
  {
    method: 'get',
    path: `${BASE}/:enterpriseId`,
    summary: 'One enterprise',
    tags: ['enterprises'],
    params: enterprise,
    responses: { 200: one('The enterprise'), 404: refusal('enterprise-not-found') },
  },
  {
    method: 'patch',
    path: `${BASE}/:enterpriseId`,
    summary: 'Change an enterprise, optimistic on expectedRevision (publishes the new record)',
    tags: ['enterprises'],
    params: enterprise,
    body: changesSchema,
    responses: {
      200: one('The enterprise'),
      400: invalid,
      404: refusal('enterprise-not-found'),
      409: refusal('revision-conflict, enterprise-inactive, enterprise-exists'),
    },
  },
  {
    method: 'post',
    path: `${BASE}/:enterpriseId/deactivation`,
    summary: 'Deactivate an enterprise: it leaves every scope, its records stay (publishes the record)',
    tags: ['enterprises'],
    params: enterprise,
    responses: {
      200: one('The enterprise'),
      404: refusal('enterprise-not-found'),
      409: refusal('enterprise-inactive'),
    },
  },
];
