import { type EmissionStage } from './emission-stage';

/**
 * Where a stage came from (domain.md §3). Strongest first: a national disclosure-platform query by
 * VIN, the vehicle's environmental information list (随车清单), a person's entry (e.g. read from
 * the vehicle licence), inference from dates.
 */
export const EVIDENCE_SOURCES = ['platform-query', 'document', 'manual', 'inferred'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export interface StageEvidence {
  readonly stage: EmissionStage;
  readonly source: EvidenceSource;
  /** Who confirmed it: the clerk who entered or checked it. An inferred stage becomes trusted with it. */
  readonly confirmedBy?: string;
  readonly at: Date;
}

/**
 * The platform is the authority a forged paper list cannot beat; the paper list beats a person's
 * entry; a person beats inference. An inferred stage a person confirmed counts as a manual entry.
 */
export function evidenceStrength(evidence: StageEvidence): number {
  switch (evidence.source) {
    case 'platform-query':
      return 4;
    case 'document':
      return 3;
    case 'manual':
      return 2;
    case 'inferred':
      return evidence.confirmedBy ? 2 : 1;
  }
}

/** Positive when `a` is stronger; on equal strength the later evidence is stronger. */
export const compareEvidence = (a: StageEvidence, b: StageEvidence): number =>
  evidenceStrength(a) - evidenceStrength(b) || a.at.getTime() - b.at.getTime();

/** The evidence that decides a vehicle's stage: the strongest, the latest among equals. */
export function strongestEvidence(evidence: readonly StageEvidence[]): StageEvidence | undefined {
  let best: StageEvidence | undefined;
  for (const candidate of evidence) {
    if (best === undefined || compareEvidence(candidate, best) > 0) best = candidate;
  }
  return best;
}

/**
 * Whether the evidence may grant passage during an alert: anything but an inference nobody has
 * confirmed (domain.md §3 “an inferred stage may deny but never grant access during an alert”).
 */
export const mayGrantDuringAlert = (evidence: StageEvidence): boolean =>
  evidence.source !== 'inferred' || Boolean(evidence.confirmedBy);

export const EVIDENCE_SOURCE_LABELS: Readonly<Record<EvidenceSource, { zh: string; en: string }>> = {
  'platform-query': { zh: '信息公开平台查询', en: 'disclosure-platform query' },
  document: { zh: '随车清单', en: 'environmental information list' },
  manual: { zh: '人工录入', en: 'manual entry' },
  inferred: { zh: '按日期推断', en: 'inferred from dates' },
};
