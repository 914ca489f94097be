import { type paths } from '../api/generated/schema';

export const QUEUE_ROUTE = '/api/ledger/v1/enterprises/{enterpriseId}/review-items';
export type ReviewQueryParams = NonNullable<paths[typeof QUEUE_ROUTE]['get']['parameters']['query']>;
export type ReviewPage = paths[typeof QUEUE_ROUTE]['get']['responses'][200]['content']['application/json'];
export type ReviewItem = ReviewPage['items'][number];

export const REVIEW_KEY = 'review-items';
