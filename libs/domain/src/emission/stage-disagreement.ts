import { type EmissionStage } from './emission-stage';
import { type EvidenceSource, EVIDENCE_SOURCES, type StageEvidence } from './stage-evidence';
import { mayBeAtLeast } from './stage-order';

/** What one source says now: its latest piece of evidence (a later entry corrects an earlier one). */
export interface SourceStage {
  readonly source: EvidenceSource;
  readonly stage: EmissionStage;
  readonly at: Date;
}

export interface StageDisagreement {
  /** Whether the sources contradict each other: the vehicle goes to a person for review. */
  readonly disagree: boolean;
  /** Each source's latest stage, strongest source first (for the person who reviews). */
  readonly sources: readonly SourceStage[];
}

/** The latest evidence of each source, strongest source first. */
export function latestBySource(evidence: readonly StageEvidence[]): SourceStage[] {
  const latest = new Map<EvidenceSource, StageEvidence>();
  for (const piece of evidence) {
    const seen = latest.get(piece.source);
    if (!seen || piece.at.getTime() >= seen.at.getTime()) latest.set(piece.source, piece);
  }
  return EVIDENCE_SOURCES.flatMap((source) => {
    const piece = latest.get(source);
    return piece ? [{ source, stage: piece.stage, at: piece.at }] : [];
  });
}

/**
 * Whether two claims of a stage can both be true: equal, or 国VI without a sub-stage against
 * 6a or 6b (the number or the person did not say which).
 */
export const stagesAgree = (a: EmissionStage, b: EmissionStage): boolean =>
  a === b || (a === 'VI' && (b === 'VIa' || b === 'VIb')) || (b === 'VI' && (a === 'VIa' || a === 'VIb'));

/**
 * An inference is a floor (“the vehicle has at least this stage”, domain.md §3): it contradicts a
 * claim only when the claim is certainly below it. Two claims (platform, document, person) must
 * agree.
 */
function contradict(a: SourceStage, b: SourceStage): boolean {
  if (a.source === 'inferred' && b.source === 'inferred') return false;
  if (a.source === 'inferred') return !mayBeAtLeast(b.stage, a.stage);
  if (b.source === 'inferred') return !mayBeAtLeast(a.stage, b.stage);
  return !stagesAgree(a.stage, b.stage);
}

/**
 * Compares a vehicle's stage evidence by source (the latest of each): 随车清单 国V against a
 * person's 国VI disagrees, and so does any claim below what the dates already prove. The
 * strongest evidence still decides the stage (`strongestEvidence`); a disagreement only asks a
 * person to look, since one of the sources is wrong (a forged list, a typing error, a misread).
 */
export function compareEvidenceBySource(evidence: readonly StageEvidence[]): StageDisagreement {
  const sources = latestBySource(evidence);
  const disagree = sources.some((a, i) => sources.slice(i + 1).some((b) => contradict(a, b)));
  return { disagree, sources };
}
