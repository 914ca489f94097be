import { compareEvidenceBySource, type EmissionStage, type EvidenceSource } from '@ecogate/domain';
import { reviewTransition } from './review-transition';

const at = '2026-03-01T00:00:00.000Z';
const evidence = (...pieces: [EvidenceSource, EmissionStage][]) =>
  compareEvidenceBySource(pieces.map(([source, stage]) => ({ source, stage, at: new Date(at) })));
const stored = (...pieces: [EvidenceSource, EmissionStage][]) =>
  pieces.map(([source, stage]) => ({ source, stage, at }));

describe('a vehicle review as evidence is added', () => {
  it('opens when the sources first disagree, and not while they agree', () => {
    expect(reviewTransition(null, evidence(['document', 'V'], ['manual', 'VI']))).toBe('open');
    expect(reviewTransition(null, evidence(['document', 'V'], ['manual', 'V']))).toBe('none');
  });

  it('updates the stages an open review lists, and leaves it when nothing changed', () => {
    const open = { state: 'open' as const, sources: stored(['document', 'V'], ['manual', 'VI']) };
    expect(reviewTransition(open, evidence(['document', 'V'], ['manual', 'VI']))).toBe('none');
    expect(reviewTransition(open, evidence(['document', 'V'], ['manual', 'IV']))).toBe('update');
  });

  it('closes an open review once the sources agree again', () => {
    const open = { state: 'open' as const, sources: stored(['document', 'V'], ['manual', 'VI']) };
    expect(reviewTransition(open, evidence(['document', 'V'], ['manual', 'V']))).toBe('agree');
  });

  it('keeps a resolved review resolved for the same stages, and reopens it for new ones', () => {
    const resolved = { state: 'resolved' as const, sources: stored(['manual', 'VI'], ['document', 'V']) };
    expect(reviewTransition(resolved, evidence(['document', 'V'], ['manual', 'VI']))).toBe('none');
    expect(
      reviewTransition(resolved, evidence(['document', 'V'], ['manual', 'VI'], ['platform-query', 'IV'])),
    ).toBe('open');
    expect(reviewTransition(resolved, evidence(['document', 'V']))).toBe('none');
  });
});
