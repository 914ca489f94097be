import { type EvidenceSource } from '../emission';
import { anEvidence } from '../emission/testing/evidence-builder';
import { decide } from './admission-decision';
import { type PolicyReason, type Verdict } from './admission-reason';
import { type AlertLevel } from './alert-level';
import { type Lane } from './lane';
import { aPlan } from './testing/plan-builder';
import { aVehicle } from './testing/vehicle-builder';

const NOW = new Date('2024-12-01T08:00:00+08:00');
const AUTO: Lane = { id: 'gate-1-in', mode: 'auto' };

describe('decide: an inferred stage may deny but never grant during an alert (domain.md §3)', () => {
  it.each<[AlertLevel, string, EvidenceSource, string | undefined, Verdict, PolicyReason]>([
    ['red', 'VI', 'inferred', undefined, 'needs-review', 'stage-inferred-unconfirmed'],
    ['orange', 'V', 'inferred', undefined, 'needs-review', 'stage-inferred-unconfirmed'],
    ['red', 'IV', 'inferred', undefined, 'deny', 'stage-below-minimum'],
    ['red', 'VI', 'inferred', 'clerk-wang', 'allow', 'stage-meets-minimum'],
    ['red', 'V', 'manual', 'clerk-wang', 'allow', 'stage-meets-minimum'],
    ['red', 'V', 'document', undefined, 'allow', 'stage-meets-minimum'],
    ['red', 'V', 'platform-query', undefined, 'allow', 'stage-meets-minimum'],
  ])('%s: %s %s (confirmed by %p) → %s', (level, stage, source, confirmedBy, verdict, reason) => {
    const vehicle = aVehicle()
      .withStage(stage as never, source, confirmedBy)
      .build();
    const decision = decide(aPlan().build(), level, vehicle, AUTO, NOW);
    expect([decision.verdict, decision.reasons]).toEqual([verdict, [reason]]);
  });

  const anyTruckNeedsV = aPlan()
    .withLevel('yellow', {
      unknownStage: 'allow',
      requirements: [
        { id: 'y', categories: 'any', fuels: 'any', minimum: 'V', label: { zh: '黄', en: 'y' } },
      ],
    })
    .withLevel('none', {
      unknownStage: 'allow',
      requirements: [
        { id: 'n', categories: 'any', fuels: 'any', minimum: 'V', label: { zh: '常', en: 'n' } },
      ],
    })
    .build();

  it('holds at every alert level, not only orange and red', () => {
    const inferred = aVehicle().withStage('VI', 'inferred').build();
    expect(decide(anyTruckNeedsV, 'yellow', inferred, AUTO, NOW).verdict).toBe('needs-review');
  });

  it('lets an inference grant on a day without alert', () => {
    const inferred = aVehicle().withStage('VI', 'inferred').build();
    expect(decide(anyTruckNeedsV, 'none', inferred, AUTO, NOW).verdict).toBe('allow');
  });
});

describe('decide: the strongest evidence wins', () => {
  const plan = aPlan().build();

  it.each<[string, ReturnType<typeof anEvidence>[], Verdict]>([
    [
      'a platform 国IV beats a document 国V (a forged list)',
      [anEvidence().from('document').withStage('V'), anEvidence().from('platform-query').withStage('IV')],
      'deny',
    ],
    [
      'a document 国V beats an inferred 国IV',
      [anEvidence().from('inferred').withStage('IV'), anEvidence().from('document').withStage('V')],
      'allow',
    ],
    [
      'the later of two documents',
      [
        anEvidence().from('document').withStage('IV').at('2023-01-01T00:00:00Z'),
        anEvidence().from('document').withStage('VI').at('2024-01-01T00:00:00Z'),
      ],
      'allow',
    ],
  ])('%s', (_case, builders, verdict) => {
    const vehicle = aVehicle()
      .withEvidence(...builders.map((b) => b.build()))
      .build();
    expect(decide(plan, 'red', vehicle, AUTO, NOW).verdict).toBe(verdict);
  });
});
