import { type EmissionStage } from './emission-stage';
import { type EvidenceSource } from './stage-evidence';
import { compareEvidenceBySource, latestBySource, stagesAgree } from './stage-disagreement';
import { anEvidence } from './testing/evidence-builder';

const piece = (source: EvidenceSource, stage: EmissionStage, at = '2026-01-01T00:00:00Z') =>
  anEvidence().from(source).withStage(stage).at(at).build();

describe('stage evidence compared by source', () => {
  it('flags 随车清单 国V, inferred 国IV and a typed 国VI, listing each source strongest first', () => {
    const result = compareEvidenceBySource([
      piece('manual', 'VI'),
      piece('inferred', 'IV'),
      piece('document', 'V'),
    ]);
    expect(result.disagree).toBe(true);
    expect(result.sources.map(({ source, stage }) => [source, stage])).toEqual([
      ['document', 'V'],
      ['manual', 'VI'],
      ['inferred', 'IV'],
    ]);
  });

  it('takes the latest of each source: a person who corrected their entry does not disagree with themselves', () => {
    const evidence = [
      piece('manual', 'IV', '2026-01-01T00:00:00Z'),
      piece('document', 'V', '2026-01-02T00:00:00Z'),
      piece('manual', 'V', '2026-01-03T00:00:00Z'),
    ];
    expect(compareEvidenceBySource(evidence).disagree).toBe(false);
    expect(latestBySource(evidence).find((s) => s.source === 'manual')?.stage).toBe('V');
  });

  it.each<[string, EmissionStage, EmissionStage, boolean]>([
    ['a document above the inferred floor agrees', 'V', 'IV', false],
    ['a document equal to the floor agrees', 'IV', 'IV', false],
    ['a document below what the dates prove disagrees', 'III', 'IV', true],
    ['国VI without sub-stage may be the inferred 6b', 'VI', 'VIb', false],
  ])('%s', (_case, documentStage, inferredStage, disagree) => {
    expect(
      compareEvidenceBySource([piece('document', documentStage), piece('inferred', inferredStage)]).disagree,
    ).toBe(disagree);
  });

  it.each<[EmissionStage, EmissionStage, boolean]>([
    ['VI', 'VIa', true],
    ['VIb', 'VI', true],
    ['VIa', 'VIb', false],
    ['V', 'VI', false],
    ['electric', 'electric', true],
  ])('claims %s and %s agree: %s', (a, b, agree) => {
    expect(stagesAgree(a, b)).toBe(agree);
    expect(compareEvidenceBySource([piece('platform-query', a), piece('manual', b)]).disagree).toBe(!agree);
  });

  it('one source, or none, never disagrees', () => {
    expect(compareEvidenceBySource([])).toEqual({ disagree: false, sources: [] });
    expect(
      compareEvidenceBySource([piece('manual', 'IV'), piece('manual', 'VI', '2026-02-01T00:00:00Z')])
        .disagree,
    ).toBe(false);
  });
});
