import { type paths } from '../api/generated/schema';

const U = '/api/provincial-upload/v1/enterprises/{enterpriseId}/upload';
export const BACKLOG = `${U}/backlog` as const;
export const RATE = `${U}/transmission-rate` as const;
export const RECORDS = `${U}/records` as const;
export const RECORD = `${U}/records/{serial}` as const;
export const RE_PUSH_ONE = `${U}/records/{serial}/re-push` as const;
export const RE_PUSH_RANGE = `${U}/re-push` as const;
export const STATUS = '/api/provincial-upload/v1/upload/status';
export const RESUME = '/api/provincial-upload/v1/upload/status/resume';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer B } } } };
}
  ? B
  : never;

export type Backlog = Ok<typeof BACKLOG>;
export type DailyRate = Ok<typeof RATE>[number];
export type RecordSummary = Ok<typeof RECORDS>[number];
export type RecordDetail = Ok<typeof RECORD>;
export type UploadStatus = Ok<typeof STATUS>;
export type DeliveryState = RecordSummary['state'];

export const DELIVERY_STATES: readonly DeliveryState[] = [
  'pending',
  'in-flight',
  'acknowledged',
  'rejected',
  'dead',
];
export const STATE_COLOUR: Record<DeliveryState, string> = {
  pending: 'processing',
  'in-flight': 'blue',
  acknowledged: 'success',
  rejected: 'error',
  dead: 'default',
};

/** Regulators expect at least this share of records acknowledged each day. */
export const RATE_TARGET = 0.95;

export interface RateSummary {
  readonly produced: number;
  readonly acknowledged: number;
  /** acknowledged ÷ produced over the days; 1 when nothing was produced. */
  readonly rate: number;
  /** The days below the target, oldest first. */
  readonly daysBelow: readonly string[];
}

export function rateSummary(days: readonly DailyRate[]): RateSummary {
  const produced = days.reduce((sum, d) => sum + d.produced, 0);
  const acknowledged = days.reduce((sum, d) => sum + d.acknowledged, 0);
  return {
    produced,
    acknowledged,
    rate: produced === 0 ? 1 : acknowledged / produced,
    daysBelow: days.filter((d) => d.produced > 0 && d.rate < RATE_TARGET).map((d) => d.day),
  };
}

/** A percentage as the page shows it: one decimal, never rounded up to 100 while records are missing. */
export const percent = (rate: number): number => Math.floor(rate * 1000) / 10;

/** How long the oldest record has waited, in the largest two units. */
export function ageParts(seconds: number): {
  readonly unit: 'days' | 'hours' | 'minutes';
  readonly a: number;
  readonly b: number;
} {
  const minutes = Math.floor(seconds / 60);
  if (minutes >= 1440)
    return { unit: 'days', a: Math.floor(minutes / 1440), b: Math.floor((minutes % 1440) / 60) };
  if (minutes >= 60) return { unit: 'hours', a: Math.floor(minutes / 60), b: minutes % 60 };
  return { unit: 'minutes', a: minutes, b: 0 };
}

/** The page size the console asks for; a shorter page is the last one. */
export const PAGE_SIZE = 50;

/** The cursor of the page after this one (its last serial), or none when this page is the last. */
export const nextCursor = (page: readonly RecordSummary[], limit = PAGE_SIZE): string | undefined =>
  page.length === limit ? page[page.length - 1]?.serial : undefined;

/** A re-push's reason as the service keeps it: required here, trimmed, at most 500 characters. */
export function rePushReason(
  text: string | undefined,
): { readonly reason: string } | { readonly problem: 'missing' | 'long' } {
  const reason = text?.trim() ?? '';
  if (!reason) return { problem: 'missing' };
  if (reason.length > 500) return { problem: 'long' };
  return { reason };
}
