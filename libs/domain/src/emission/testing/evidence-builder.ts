import { type EmissionStage } from '../emission-stage';
import { type EvidenceSource, type StageEvidence } from '../stage-evidence';

const DEFAULT_AT = new Date('2024-01-01T00:00:00Z');

/** Builds stage evidence for tests: `anEvidence().withStage('IV').from('inferred').build()`. */
export class EvidenceBuilder {
  constructor(
    private readonly evidence: StageEvidence = { stage: 'VI', source: 'document', at: DEFAULT_AT },
  ) {}

  withStage(stage: EmissionStage): EvidenceBuilder {
    return new EvidenceBuilder({ ...this.evidence, stage });
  }

  from(source: EvidenceSource): EvidenceBuilder {
    return new EvidenceBuilder({ ...this.evidence, source });
  }

  confirmedBy(person: string): EvidenceBuilder {
    return new EvidenceBuilder({ ...this.evidence, confirmedBy: person });
  }

  at(instant: Date | string): EvidenceBuilder {
    return new EvidenceBuilder({ ...this.evidence, at: new Date(instant) });
  }

  build(): StageEvidence {
    return this.evidence;
  }
}

export const anEvidence = (): EvidenceBuilder => new EvidenceBuilder();
