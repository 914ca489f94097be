import { err, ok, type DomainError, type Result } from '../shared/result';

/** What is retained: gate and loading-area video, and the electronic ledgers. */
export type RetainedData = 'video' | 'ledger';

export interface RetentionDays {
  readonly videoDays: number;
  readonly ledgerDays: number;
}

/**
 * Legal floors: video ≥ 6 months, ledger ≥ 1 year (Shijiazhuang 2020, domain.md §1), expressed in
 * days. Other cities (and HJ 1321-2023 as vendors quote it: 12 months video, 24 months ledger)
 * raise them with `raiseRetentionFloors`.
 */
export const NATIONAL_RETENTION_FLOORS: RetentionDays = { videoDays: 180, ledgerDays: 365 };

export type RetentionErrorCode = 'invalid-days' | 'below-floor' | 'floor-lowered' | 'retention-not-elapsed';
export type RetentionError = DomainError<RetentionErrorCode> & {
  readonly data?: RetainedData;
  readonly floorDays?: number;
};

/** A validated policy: both periods at or above the floors it was checked against. */
export interface RetentionPolicy extends RetentionDays {
  readonly floors: RetentionDays;
}

const DAY_MS = 86_400_000;
const KINDS: readonly RetainedData[] = ['video', 'ledger'];
const daysOf = (days: RetentionDays, data: RetainedData): number =>
  data === 'video' ? days.videoDays : days.ledgerDays;

function invalid(days: RetentionDays): RetentionError | undefined {
  const data = KINDS.find((kind) => !Number.isInteger(daysOf(days, kind)) || daysOf(days, kind) <= 0);
  return (
    data && {
      code: 'invalid-days',
      reason: `${data} retention must be a positive whole number of days`,
      data,
    }
  );
}

/** A city's floors: it may raise the base floors, never lower them. */
export function raiseRetentionFloors(
  city: Partial<RetentionDays>,
  base: RetentionDays = NATIONAL_RETENTION_FLOORS,
): Result<RetentionDays, RetentionError> {
  const floors = {
    videoDays: city.videoDays ?? base.videoDays,
    ledgerDays: city.ledgerDays ?? base.ledgerDays,
  };
  const bad = invalid(floors);
  if (bad) return err(bad);
  const lowered = KINDS.find((kind) => daysOf(floors, kind) < daysOf(base, kind));
  if (lowered) {
    return err({
      code: 'floor-lowered',
      reason: `a city may raise the ${lowered} floor of ${daysOf(base, lowered)} days, not lower it to ${daysOf(floors, lowered)}`,
      data: lowered,
      floorDays: daysOf(base, lowered),
    });
  }
  return ok(floors);
}

/** Validates a requested retention against the floors; anything below is refused, never clamped. */
export function retentionPolicy(
  requested: RetentionDays,
  floors: RetentionDays = NATIONAL_RETENTION_FLOORS,
): Result<RetentionPolicy, RetentionError> {
  const bad = invalid(requested);
  if (bad) return err(bad);
  const below = KINDS.find((kind) => daysOf(requested, kind) < daysOf(floors, kind));
  if (below) {
    return err({
      code: 'below-floor',
      reason: `${below} must be kept at least ${daysOf(floors, below)} days; ${daysOf(requested, below)} refused`,
      data: below,
      floorDays: daysOf(floors, below),
    });
  }
  return ok({ videoDays: requested.videoDays, ledgerDays: requested.ledgerDays, floors });
}

/** The first instant at which data recorded at `recordedAt` may be deleted under the policy. */
export const deletableFrom = (data: RetainedData, recordedAt: Date, policy: RetentionDays): Date =>
  new Date(recordedAt.getTime() + daysOf(policy, data) * DAY_MS);

/**
 * Whether data recorded at `recordedAt` may be deleted at `now`. The larger of the policy and its
 * floors applies, so a policy object built by hand cannot undercut the floor.
 */
export function checkDeletion(
  data: RetainedData,
  recordedAt: Date,
  now: Date,
  policy: RetentionPolicy,
): Result<{ readonly deletableFrom: Date }, RetentionError> {
  const days = Math.max(daysOf(policy, data), daysOf(policy.floors, data));
  const from = deletableFrom(data, recordedAt, { videoDays: days, ledgerDays: days });
  if (now.getTime() < from.getTime()) {
    return err({
      code: 'retention-not-elapsed',
      reason: `${data} recorded ${recordedAt.toISOString()} must be kept ${days} days, until ${from.toISOString()}`,
      data,
      floorDays: days,
    });
  }
  return ok({ deletableFrom: from });
}
