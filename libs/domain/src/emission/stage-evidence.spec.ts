import {
  compareEvidence,
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
  evidenceStrength,
  mayGrantDuringAlert,
  strongestEvidence,
} from './stage-evidence';
import { anEvidence } from './testing/evidence-builder';

describe('stage evidence strength (domain.md §3)', () => {
  const platform = anEvidence().from('platform-query').withStage('V').build();
  const document = anEvidence().from('document').withStage('VI').build();
  const manual = anEvidence().from('manual').withStage('IV').confirmedBy('clerk-wang').build();
  const inferred = anEvidence().from('inferred').withStage('III').build();
  const confirmedInference = anEvidence().from('inferred').withStage('III').confirmedBy('clerk-wang').build();

  it('orders platform query > document > manual = confirmed inference > inference', () => {
    expect([platform, document, manual, confirmedInference, inferred].map(evidenceStrength)).toEqual([
      4, 3, 2, 2, 1,
    ]);
  });

  it.each([
    ['platform beats a later document', [document, platform], platform],
    ['document beats manual', [manual, document], document],
    ['anything beats an inference', [inferred, manual], manual],
    ['nothing gives nothing', [], undefined],
  ])('%s', (_case, evidence, expected) => {
    expect(strongestEvidence(evidence)).toBe(expected);
  });

  it('the later of two equally strong pieces wins', () => {
    const older = anEvidence().from('document').withStage('IV').at('2023-01-01T00:00:00Z').build();
    const newer = anEvidence().from('document').withStage('V').at('2024-06-01T00:00:00Z').build();
    expect(strongestEvidence([newer, older])).toBe(newer);
    expect(strongestEvidence([older, newer])).toBe(newer);
    expect(compareEvidence(older, older)).toBe(0);
  });

  it.each([
    ['platform', platform, true],
    ['document', document, true],
    ['manual', manual, true],
    ['unconfirmed inference', inferred, false],
    ['confirmed inference', confirmedInference, true],
  ])('%s may grant during an alert: %s', (_case, evidence, expected) => {
    expect(mayGrantDuringAlert(evidence)).toBe(expected);
  });

  it('labels every source', () => {
    expect(EVIDENCE_SOURCES.every((source) => EVIDENCE_SOURCE_LABELS[source].zh.length > 0)).toBe(true);
  });
});
