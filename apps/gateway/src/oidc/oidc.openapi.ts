import { type RouteDescriptor, type RouteResponse } from '@ecogate/http-edge';
import { z } from 'zod';
import { OIDC_ROUTES_PATH } from './oidc-sign-on';

// For the gateway's OpenAPI document: the single sign-on routes (browser redirects, not an API).
const errorSchema = z.object({ code: z.string(), reason: z.string() });
const refusal = (description: string): RouteResponse => ({ description, schema: errorSchema });

export const oidcRoutes: readonly RouteDescriptor[] = [
  {
    method: 'get',
    path: `${OIDC_ROUTES_PATH}/login`,
    summary: "Sign in with the city's identity provider: redirects there",
    tags: ['sign-on'],
    query: z.object({ returnTo: z.string().optional().describe('A path on this site to come back to') }),
    responses: {
      302: { description: "To the provider's authorization endpoint" },
      400: refusal('invalid-return-to'),
      404: refusal('sso-disabled'),
      503: refusal('provider-unavailable'),
    },
  },
  {
    method: 'get',
    path: `${OIDC_ROUTES_PATH}/callback`,
    summary: "The provider's redirect back: starts the session, then redirects to returnTo",
    tags: ['sign-on'],
    responses: {
      303: { description: 'Signed in: to returnTo, with the session cookie' },
      400: refusal('invalid-transaction, invalid-callback'),
      403: refusal('no-role, missing-claim, unknown-enterprise'),
      404: refusal('sso-disabled'),
    },
  },
];
