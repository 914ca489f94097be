import { type RouteDescriptor } from '@ecogate/http-edge';
import { districtStatisticsSchema, refusal } from '../api/ledger-responses';
import { districtStatisticsQuery } from './district-statistics.service';

/** The city view by district (issue #13): spread into `ledger.openapi.ts`'s document. */
export const districtStatisticsRoutes: RouteDescriptor[] = [
  {
    method: 'get',
    path: '/api/v1/statistics/districts',
    summary:
      "Per district and per enterprise of the caller's scope: trips, stage shares by trips and tonnes, " +
      'clean-transport ratios, each enterprise’s class indicator (Asia/Shanghai days; the directory’s districts)',
    tags: ['statistics'],
    query: districtStatisticsQuery,
    responses: {
      200: {
        description:
          'Districts in code order, each with its enterprises (id order) and their sums; `total` sums every district. ' +
          'An inspector gets only the enterprises of their token',
        schema: districtStatisticsSchema,
      },
      400: refusal('invalid-request'),
    },
  },
];
