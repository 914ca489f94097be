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

export const enterpriseRoutes: readonly RouteDescriptor[] = [
  {
    method: 'get',
    path: BASE,
    summary: 'List enterprises (filters, pages); inspectors see those of their districts',
    tags: ['enterprises'],
    query: listQuerySchema,
    responses: { 200: { description: '`{items, total, page, pageSize}`' }, 400: refusal('invalid-request') },
  },
  {
    method: 'post',
    path: BASE,
    summary: 'Register an enterprise (publishes gateway.enterprise.registered.v1)',
    tags: ['enterprises'],
    body: registrationSchema,
    responses: {
      201: { description: 'The enterprise' },
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
    responses: { 200: { description: 'The enterprise' }, 404: refusal('enterprise-not-found') },
  },
  {
    method: 'patch',
    path: `${BASE}/:enterpriseId`,
    summary: 'Change an enterprise, optimistic on expectedRevision (publishes the new record)',
    tags: ['enterprises'],
    params: enterprise,
    body: changesSchema,
    responses: {
      200: { description: 'The enterprise' },
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
      200: { description: 'The enterprise' },
      404: refusal('enterprise-not-found'),
      409: refusal('enterprise-inactive'),
    },
  },
];
