import { EMISSION_STAGE_LABELS, EVIDENCE_SOURCE_LABELS, type StageEvidence } from '../emission';
import { ALERT_LEVEL_LABELS, type AlertLevel } from './alert-level';
import { type StageReason, type Verdict } from './admission-reason';
import { type PolicyOutcome } from './policy-outcome';
import { type LocalisedText, type StageRequirement } from './emergency-plan';
import { EXEMPTION_KIND_LABELS } from './exemption';
import { type LaneMode } from './lane';

const VERDICT_LABELS: Readonly<Record<Verdict, LocalisedText>> = {
  allow: { zh: '放行', en: 'allowed' },
  deny: { zh: '禁止通行', en: 'refused' },
  'needs-review': { zh: '需人工核查', en: 'needs review' },
};

export interface MessageInput {
  readonly plate: string;
  readonly level: AlertLevel;
  readonly laneMode: LaneMode;
  readonly policy: PolicyOutcome;
}

/** The sentence the gate display shows: plate, stage, rule and what happens (domain.md §4). */
export function admissionMessage({ plate, level, laneMode, policy }: MessageInput): LocalisedText {
  const who = plate.trim() ? { zh: plate, en: plate } : { zh: '未识别车牌', en: 'unread plate' };
  const why = policySentence(level, policy);
  const verdict = VERDICT_LABELS[policy.verdict];
  switch (laneMode) {
    case 'auto':
      return { zh: `${who.zh}：${why.zh}，${verdict.zh}。`, en: `${who.en}: ${why.en}; ${verdict.en}.` };
    case 'closed':
      return { zh: `${who.zh}：车道关闭，禁止通行。`, en: `${who.en}: lane closed; refused.` };
    case 'always-open':
      return {
        zh: `${who.zh}：常开车道，不拦截（策略：${why.zh}，${verdict.zh}）。`,
        en: `${who.en}: always-open lane, not stopped (policy: ${why.en}; ${verdict.en}).`,
      };
    case 'record-only':
      return {
        zh: `${who.zh}：仅记录车道，不拦截（策略：${why.zh}，${verdict.zh}）。`,
        en: `${who.en}: record-only lane, not stopped (policy: ${why.en}; ${verdict.en}).`,
      };
  }
}

function policySentence(level: AlertLevel, outcome: PolicyOutcome): LocalisedText {
  switch (outcome.reason) {
    case 'no-restriction': {
      const name = ALERT_LEVEL_LABELS[level];
      return { zh: `无适用限制（${name.zh}）`, en: `no restriction applies (${name.en})` };
    }
    case 'exempted': {
      const { kind, id } = outcome.exemption;
      const name = EXEMPTION_KIND_LABELS[kind];
      return { zh: `${name.zh}豁免（${id}）`, en: `exempt as ${name.en} (${id})` };
    }
    case 'stage-unknown': {
      const rule = outcome.requirement.label;
      return { zh: `排放阶段未知；规则：${rule.zh}`, en: `emission stage unknown; rule: ${rule.en}` };
    }
    case 'stage-below-minimum':
    case 'stage-substage-unconfirmed':
    case 'stage-inferred-unconfirmed':
    case 'stage-meets-minimum':
      return stageSentence(outcome.reason, outcome.requirement, outcome.evidence);
  }
}

function stageSentence(
  reason: StageReason,
  requirement: StageRequirement,
  evidence: StageEvidence,
): LocalisedText {
  const rule = requirement.label;
  const min = EMISSION_STAGE_LABELS[requirement.minimum];
  const stage = EMISSION_STAGE_LABELS[evidence.stage];
  const source = EVIDENCE_SOURCE_LABELS[evidence.source];
  switch (reason) {
    case 'stage-below-minimum':
      return {
        zh: `${stage.zh}（${source.zh}）低于最低要求${min.zh}；规则：${rule.zh}`,
        en: `${stage.en} (${source.en}) is below the minimum ${min.en}; rule: ${rule.en}`,
      };
    case 'stage-substage-unconfirmed':
      return {
        zh: `${stage.zh}（${source.zh}）子阶段未确认，最低要求${min.zh}；规则：${rule.zh}`,
        en: `${stage.en} (${source.en}) with unconfirmed sub-stage, minimum ${min.en}; rule: ${rule.en}`,
      };
    case 'stage-inferred-unconfirmed':
      return {
        zh: `${stage.zh}为按日期推断，预警期间须人工确认；规则：${rule.zh}`,
        en: `${stage.en} is inferred from dates and must be confirmed by a person during an alert; rule: ${rule.en}`,
      };
    case 'stage-meets-minimum':
      return {
        zh: `${stage.zh}（${source.zh}）符合最低要求${min.zh}；规则：${rule.zh}`,
        en: `${stage.en} (${source.en}) meets the minimum ${min.en}; rule: ${rule.en}`,
      };
  }
}
