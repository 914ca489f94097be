/**
 * Machine-readable reasons of an admission decision. A decision carries one policy reason and,
 * when the lane overrides the policy, the lane's reason first.
 */
export const LANE_REASONS = ['lane-closed', 'lane-always-open', 'lane-record-only'] as const;
export const POLICY_REASONS = [
  'no-restriction',
  'exempted',
  'stage-unknown',
  'stage-below-minimum',
  'stage-substage-unconfirmed',
  'stage-inferred-unconfirmed',
  'stage-meets-minimum',
] as const;

export type LaneReason = (typeof LANE_REASONS)[number];
export type PolicyReason = (typeof POLICY_REASONS)[number];
export type ReasonCode = LaneReason | PolicyReason;

/** The policy reasons that rest on a known stage. */
export type StageReason = Exclude<PolicyReason, 'no-restriction' | 'exempted' | 'stage-unknown'>;

export type Verdict = 'allow' | 'deny' | 'needs-review';
