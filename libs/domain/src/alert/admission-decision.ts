import {
  compareStages,
  isAtLeast,
  mayBeAtLeast,
  mayGrantDuringAlert,
  strongestEvidence,
  type EmissionStage,
  type EvidenceSource,
  type StageEvidence,
} from '../emission';
import { type Vehicle } from '../vehicle';
import { isAlert, isSevereAlert, type AlertLevel } from './alert-level';
import { type LaneReason, type ReasonCode, type Verdict } from './admission-reason';
import { admissionMessage } from './admission-message';
import { type EmergencyPlan, type LocalisedText, type StageRequirement } from './emergency-plan';
import { findActiveExemption } from './exemption';
import { type Lane, type LaneMode } from './lane';
import { type PolicyOutcome } from './policy-outcome';

/** The vehicle at the gate with every stage evidence known for it (none for a stranger). */
export interface AdmissionSubject extends Vehicle {
  readonly evidence: readonly StageEvidence[];
}

/** What the decision rested on, for the gate display and the audit log. */
export interface AdmissionFacts {
  readonly level: AlertLevel;
  readonly laneMode: LaneMode;
  readonly stage?: EmissionStage;
  readonly evidenceSource?: EvidenceSource;
  readonly requirementId?: string;
  readonly minimum?: EmissionStage;
  readonly exemptionId?: string;
}

export interface AdmissionDecision {
  /** What happens at the lane. */
  readonly verdict: Verdict;
  /** What the plan says; differs from `verdict` on always-open, record-only and closed lanes. */
  readonly policyVerdict: Verdict;
  readonly reasons: readonly ReasonCode[];
  readonly facts: AdmissionFacts;
  readonly message: LocalisedText;
}

/**
 * Decides whether a vehicle may pass a lane now (domain.md §4). Pure: the alert level, the plan
 * and the instant are passed in. The strongest evidence gives the stage; any evidence may deny,
 * but during an alert an inference nobody confirmed never grants passage (→ needs-review).
 */
export function decide(
  plan: EmergencyPlan,
  level: AlertLevel,
  subject: AdmissionSubject,
  lane: Lane,
  now: Date,
): AdmissionDecision {
  const laneMode = plan.levels[level].laneModes?.[lane.id] ?? lane.mode;
  const policy = evaluatePolicy(plan, level, subject, now);
  const laneReason = laneReasonOf(laneMode);
  const verdict = laneVerdict(laneMode, policy.verdict);
  return {
    verdict,
    policyVerdict: policy.verdict,
    reasons: laneReason ? [laneReason, policy.reason] : [policy.reason],
    // The stage is a fact of the vehicle, known with or without a restriction: the ledger and the
    // gate's display show it on every passage, not only during an alert.
    facts: { level, laneMode, ...knownStage(subject), ...policyFacts(policy) },
    message: admissionMessage({ plate: subject.plate, level, laneMode, policy }),
  };
}

export function evaluatePolicy(
  plan: EmergencyPlan,
  level: AlertLevel,
  subject: AdmissionSubject,
  now: Date,
): PolicyOutcome {
  const policy = plan.levels[level];
  const requirement = strictest(policy.requirements.filter((r) => selects(r, subject)));
  if (!requirement) return { verdict: 'allow', reason: 'no-restriction' };

  const exemption = findActiveExemption(plan.exemptions, subject, level, now);
  if (exemption) return { verdict: 'allow', reason: 'exempted', requirement, exemption };

  const evidence = strongestEvidence(subject.evidence);
  if (!evidence) {
    // The types keep `allow` out of orange/red plans; a plan that skipped validation still cannot grant.
    const severeAllow = isSevereAlert(level) && policy.unknownStage === 'allow';
    return {
      verdict: severeAllow ? 'needs-review' : policy.unknownStage,
      reason: 'stage-unknown',
      requirement,
    };
  }
  if (!mayBeAtLeast(evidence.stage, requirement.minimum)) {
    return { verdict: 'deny', reason: 'stage-below-minimum', requirement, evidence };
  }
  if (!isAtLeast(evidence.stage, requirement.minimum)) {
    return { verdict: 'needs-review', reason: 'stage-substage-unconfirmed', requirement, evidence };
  }
  if (isAlert(level) && !mayGrantDuringAlert(evidence)) {
    return { verdict: 'needs-review', reason: 'stage-inferred-unconfirmed', requirement, evidence };
  }
  return { verdict: 'allow', reason: 'stage-meets-minimum', requirement, evidence };
}

function knownStage(subject: AdmissionSubject): Pick<AdmissionFacts, 'stage' | 'evidenceSource'> {
  const evidence = strongestEvidence(subject.evidence);
  return evidence ? { stage: evidence.stage, evidenceSource: evidence.source } : {};
}

function policyFacts(outcome: PolicyOutcome): Omit<AdmissionFacts, 'level' | 'laneMode'> {
  switch (outcome.reason) {
    case 'no-restriction':
      return {};
    case 'exempted':
      return { ...requirementFacts(outcome.requirement), exemptionId: outcome.exemption.id };
    case 'stage-unknown':
      return requirementFacts(outcome.requirement);
    case 'stage-below-minimum':
    case 'stage-substage-unconfirmed':
    case 'stage-inferred-unconfirmed':
    case 'stage-meets-minimum':
      return {
        ...requirementFacts(outcome.requirement),
        stage: outcome.evidence.stage,
        evidenceSource: outcome.evidence.source,
      };
  }
}

const requirementFacts = (
  requirement: StageRequirement,
): Pick<AdmissionFacts, 'requirementId' | 'minimum'> => ({
  requirementId: requirement.id,
  minimum: requirement.minimum,
});

/** Unknown category or fuel selects: the vehicle may be one the rule is about. */
const selects = (requirement: StageRequirement, vehicle: Vehicle): boolean =>
  matches(requirement.categories, vehicle.category) && matches(requirement.fuels, vehicle.fuel);

const matches = <T>(selector: readonly T[] | 'any', value: T | undefined): boolean =>
  selector === 'any' || value === undefined || selector.includes(value);

/** Meeting the highest minimum meets them all; the first one wins a tie. */
const strictest = (requirements: readonly StageRequirement[]): StageRequirement | undefined =>
  requirements.reduce<StageRequirement | undefined>(
    (best, r) => (best === undefined || compareStages(r.minimum, best.minimum) > 0 ? r : best),
    undefined,
  );

function laneReasonOf(mode: LaneMode): LaneReason | undefined {
  switch (mode) {
    case 'auto':
      return undefined;
    case 'closed':
      return 'lane-closed';
    case 'always-open':
      return 'lane-always-open';
    case 'record-only':
      return 'lane-record-only';
  }
}

/** A closed lane refuses everyone; a lane without a working barrier lets everyone through. */
function laneVerdict(mode: LaneMode, policyVerdict: Verdict): Verdict {
  switch (mode) {
    case 'auto':
      return policyVerdict;
    case 'closed':
      return 'deny';
    case 'always-open':
    case 'record-only':
      return 'allow';
  }
}
