import { type PassageEntity } from '../passage/passage.entity';

/**
 * Why a passage waits for a person (待确认): a side's decision said `needs-review`, its read was
 * doubtful (the camera and the server read different plates, or the read itself was unsure), or
 * nobody knows the vehicle's emission stage (then the passage cannot be published either).
 */
export const REVIEW_REASONS = [
  'needs-review',
  'readers-disagree',
  'read-needs-review',
  'unknown-stage',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** `open` waits for a person; `resolved` was confirmed or corrected; `null` never needed one. */
export const REVIEW_STATES = ['open', 'resolved'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** The doubts one decision brings: its verdict and the read reasons barrier control gave. */
export function decisionDoubts(
  verdict: string | null | undefined,
  reasons: readonly string[] | null | undefined,
): ReviewReason[] {
  const given = new Set(reasons ?? []);
  return [
    ...(verdict === 'needs-review' ? (['needs-review'] as const) : []),
    ...(given.has('readers-disagree') ? (['readers-disagree'] as const) : []),
    ...(given.has('read-needs-review') ? (['read-needs-review'] as const) : []),
  ];
}

type ReviewFacts = Pick<
  PassageEntity,
  'entryVerdict' | 'entryReasons' | 'exitVerdict' | 'exitReasons' | 'stage'
>;

/** Every reason of the passage, in `REVIEW_REASONS` order, each once. */
export function reviewReasonsOf(passage: ReviewFacts): ReviewReason[] {
  const found = new Set<ReviewReason>([
    ...decisionDoubts(passage.entryVerdict, passage.entryReasons),
    ...decisionDoubts(passage.exitVerdict, passage.exitReasons),
    ...(passage.stage === null ? (['unknown-stage'] as const) : []),
  ]);
  return REVIEW_REASONS.filter((reason) => found.has(reason));
}

/**
 * The review state after a write: a resolution stands (a later doubtful decision reopens it by
 * clearing the state first, see the intake); otherwise open while any reason remains, and
 * nothing once none does (e.g. the registry supplied the unknown stage).
 */
export function reviewStateOf(
  current: ReviewState | null,
  reasons: readonly ReviewReason[],
): ReviewState | null {
  if (current === 'resolved') return 'resolved';
  return reasons.length > 0 ? 'open' : null;
}
