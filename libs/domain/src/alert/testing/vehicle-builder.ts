import { type AdmissionSubject } from '../admission-decision';

// A testing folder reaches only its own area (no `../../` imports), so the types come through the subject.
type StageEvidence = AdmissionSubject['evidence'][number];
type EmissionStage = StageEvidence['stage'];
type EvidenceSource = StageEvidence['source'];
type VehicleCategory = NonNullable<AdmissionSubject['category']>;
type Fuel = NonNullable<AdmissionSubject['fuel']>;
type VehicleDesignation = NonNullable<AdmissionSubject['designations']>[number];

const EVIDENCE_AT = new Date('2024-01-01T00:00:00Z');

/**
 * Builds the vehicle at the gate for tests. Defaults to a known heavy diesel truck with no stage
 * evidence: `aVehicle().withStage('VI').build()`.
 */
export class VehicleBuilder {
  constructor(
    private readonly subject: AdmissionSubject = {
      plate: '冀A12345',
      category: 'heavy-truck',
      fuel: 'diesel',
      evidence: [],
    },
  ) {}

  withPlate(plate: string): VehicleBuilder {
    return new VehicleBuilder({ ...this.subject, plate });
  }

  withCategory(category: VehicleCategory | undefined): VehicleBuilder {
    const { category: _old, ...rest } = this.subject;
    return new VehicleBuilder(category === undefined ? rest : { ...rest, category });
  }

  withFuel(fuel: Fuel | undefined): VehicleBuilder {
    const { fuel: _old, ...rest } = this.subject;
    return new VehicleBuilder(fuel === undefined ? rest : { ...rest, fuel });
  }

  /** A stranger: plate only. */
  unregistered(): VehicleBuilder {
    return new VehicleBuilder({ plate: this.subject.plate, evidence: [] });
  }

  /** Adds evidence of this stage, from a document unless said otherwise. */
  withStage(stage: EmissionStage, source: EvidenceSource = 'document', confirmedBy?: string): VehicleBuilder {
    const evidence: StageEvidence = {
      stage,
      source,
      at: EVIDENCE_AT,
      ...(confirmedBy ? { confirmedBy } : {}),
    };
    return this.withEvidence(evidence);
  }

  withEvidence(...evidence: StageEvidence[]): VehicleBuilder {
    return new VehicleBuilder({ ...this.subject, evidence: [...this.subject.evidence, ...evidence] });
  }

  designated(...designations: VehicleDesignation[]): VehicleBuilder {
    return new VehicleBuilder({ ...this.subject, designations });
  }

  build(): AdmissionSubject {
    return this.subject;
  }
}

export const aVehicle = (): VehicleBuilder => new VehicleBuilder();
