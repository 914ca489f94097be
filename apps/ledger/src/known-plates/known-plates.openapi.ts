import { KNOWN_PLATES_LIMIT, knownPlatesSchema } from '@ecogate/contracts';
import { type RouteDescriptor } from '@ecogate/http-edge';
import { z } from 'zod';
import { refusal } from '../api/ledger-responses';
import { knownPlatesQuery } from './known-plates.service';

/** Known plates for plate recognition (issue #20): spread into `ledger.openapi.ts`'s document. */
export const knownPlatesRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/api/v1/enterprises/:enterpriseId/known-plates',
    summary:
      "The plates a site already knows, for plate recognition's reads: the enterprise's registered vehicles, " +
      `then the plates of the site's trusted passages of the last LEDGER_KNOWN_PLATES_DAYS, at most ${KNOWN_PLATES_LIMIT}`,
    tags: ['vehicles'],
    params: z.object({ enterpriseId: z.string().describe('The tenant (enterprise id)') }),
    query: knownPlatesQuery,
    responses: {
      200: { description: 'The plates, registry first, each once', schema: knownPlatesSchema },
      400: refusal('invalid-request, invalid-enterprise-id'),
    },
  },
];
