import { isEmissionStage } from '../emission';
import { err, ok, type DomainError, type Result } from '../shared/result';
import { ALERT_LEVELS, isSevereAlert } from './alert-level';
import { type EmergencyPlan } from './emergency-plan';

export type PlanErrorCode =
  | 'unknown-allowed-in-severe-alert'
  | 'unknown-minimum-stage'
  | 'duplicate-requirement'
  | 'duplicate-exemption'
  | 'empty-exemption-window'
  | 'exemption-without-approver'
  | 'plate-exemption-without-plates';

export type PlanError = DomainError<PlanErrorCode>;

/**
 * Checks a plan loaded from storage or an API, where the types do not hold by themselves. Returns
 * every problem, so an editor can show them all at once.
 */
export function validateEmergencyPlan(plan: EmergencyPlan): Result<EmergencyPlan, readonly PlanError[]> {
  const problems: PlanError[] = [];
  for (const level of ALERT_LEVELS) {
    const policy = plan.levels[level];
    if (isSevereAlert(level) && (policy.unknownStage as string) === 'allow') {
      problems.push({
        code: 'unknown-allowed-in-severe-alert',
        reason: `${level}: a vehicle of unknown stage cannot be allowed; use deny or needs-review`,
      });
    }
    const seen = new Set<string>();
    for (const requirement of policy.requirements) {
      if (seen.has(requirement.id)) {
        problems.push({
          code: 'duplicate-requirement',
          reason: `${level}: requirement ${requirement.id} twice`,
        });
      }
      seen.add(requirement.id);
      if (!isEmissionStage(requirement.minimum)) {
        problems.push({
          code: 'unknown-minimum-stage',
          reason: `${level}: requirement ${requirement.id} has an unknown minimum "${String(requirement.minimum)}"`,
        });
      }
    }
  }
  const exemptionIds = new Set<string>();
  for (const exemption of plan.exemptions) {
    if (exemptionIds.has(exemption.id)) {
      problems.push({ code: 'duplicate-exemption', reason: `exemption ${exemption.id} twice` });
    }
    exemptionIds.add(exemption.id);
    if (!(exemption.from.getTime() < exemption.until.getTime())) {
      problems.push({
        code: 'empty-exemption-window',
        reason: `exemption ${exemption.id} ends before it starts`,
      });
    }
    if (!exemption.approvedBy.trim()) {
      problems.push({
        code: 'exemption-without-approver',
        reason: `exemption ${exemption.id} has no approver`,
      });
    }
    if (exemption.kind === 'plate' && exemption.plates.length === 0) {
      problems.push({
        code: 'plate-exemption-without-plates',
        reason: `exemption ${exemption.id} lists no plate`,
      });
    }
  }
  return problems.length === 0 ? ok(plan) : err(problems);
}
