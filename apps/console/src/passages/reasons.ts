import { defineMessages } from '../i18n/messages';

/**
 * A decision's and the review queue's reason codes (libs/domain's admission reasons, barrier
 * control's read doubts, the ledger's review reasons) in words; an unknown code shows as itself.
 */
export const reasonMessages = defineMessages({
  'lane-closed': ['车道关闭', 'lane closed'],
  'lane-always-open': ['车道常开', 'lane always open'],
  'lane-record-only': ['车道仅记录', 'lane records only'],
  'no-restriction': ['当前无限行要求', 'no restriction now'],
  exempted: ['豁免车辆', 'exempted'],
  'stage-unknown': ['排放阶段未知', 'emission stage unknown'],
  'unknown-stage': ['排放阶段未知', 'emission stage unknown'],
  'stage-below-minimum': ['排放阶段不满足要求', 'stage below the minimum'],
  'stage-substage-unconfirmed': ['排放子阶段未确认', 'sub-stage unconfirmed'],
  'stage-inferred-unconfirmed': ['推断阶段未确认', 'inferred stage unconfirmed'],
  'stage-meets-minimum': ['排放阶段满足要求', 'stage meets the minimum'],
  'readers-disagree': ['相机与服务端识别结果不一致', 'camera and server reads disagree'],
  'read-needs-review': ['识别结果存疑', 'doubtful read'],
  'needs-review': ['判定待确认', 'decision needs review'],
  manual: ['人工操作', 'operated by hand'],
});

export type ReasonCode = keyof typeof reasonMessages;
export const isKnownReason = (code: string): code is ReasonCode => code in reasonMessages;
