import { alertViewQuerySchema, alertViewSchema } from '@ecogate/contracts';
import { type RouteDescriptor } from '@ecogate/http-edge';
import { refusal } from '../api/ledger-responses';

/** The city's view during an alert (issue #23): spread into `ledger.openapi.ts`'s document. */
export const alertViewRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/api/v1/alert-view',
    summary:
      "The enterprises of the caller's scope under an orange or red alert, per district: since each alert began, " +
      'entries refused, entries below the minimum that still went in (manual releases, exemptions, lanes without ' +
      'a working barrier), unknown stages let through, with the latest items',
    tags: ['statistics'],
    query: alertViewQuerySchema,
    responses: {
      200: {
        description:
          'Districts in code order with their enterprises under alert (id order), counts and the latest ' +
          '`itemLimit` items of each, newest first. An inspector gets only the enterprises of their token; ' +
          'no enterprise under alert gives no district',
        schema: alertViewSchema,
      },
      400: refusal('invalid-request'),
    },
  },
];
