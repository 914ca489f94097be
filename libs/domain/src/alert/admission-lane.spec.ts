import { decide } from './admission-decision';
import { type ReasonCode, type Verdict } from './admission-reason';
import { type AlertLevel } from './alert-level';
import { type LaneMode } from './lane';
import { aPlan } from './testing/plan-builder';
import { aVehicle } from './testing/vehicle-builder';

const NOW = new Date('2024-12-01T08:00:00+08:00');

describe('decide: lane modes', () => {
  const plan = aPlan().build();
  const oldTruck = aVehicle().withStage('IV').build();
  const cleanTruck = aVehicle().withStage('VI').build();

  it.each<[LaneMode, 'old' | 'clean', Verdict, Verdict, ReasonCode[]]>([
    ['auto', 'old', 'deny', 'deny', ['stage-below-minimum']],
    ['auto', 'clean', 'allow', 'allow', ['stage-meets-minimum']],
    ['closed', 'clean', 'deny', 'allow', ['lane-closed', 'stage-meets-minimum']],
    ['always-open', 'old', 'allow', 'deny', ['lane-always-open', 'stage-below-minimum']],
    ['record-only', 'old', 'allow', 'deny', ['lane-record-only', 'stage-below-minimum']],
  ])('%s lane, %s truck during red → %s (policy %s)', (mode, which, verdict, policyVerdict, reasons) => {
    const vehicle = which === 'old' ? oldTruck : cleanTruck;
    const decision = decide(plan, 'red', vehicle, { id: 'lane-1', mode }, NOW);
    expect(decision).toMatchObject({ verdict, policyVerdict, reasons, facts: { laneMode: mode } });
  });

  it.each<[AlertLevel, LaneMode]>([
    ['red', 'closed'],
    ['none', 'auto'],
  ])('a plan can set a lane’s mode per level: %s → %s', (level, mode) => {
    const withSideGateClosed = aPlan().withLaneMode('red', 'side-gate', 'closed').build();
    const decision = decide(withSideGateClosed, level, cleanTruck, { id: 'side-gate', mode: 'auto' }, NOW);
    expect(decision.facts.laneMode).toBe(mode);
  });

  it('a per-level mode for another lane leaves this one alone', () => {
    const plan2 = aPlan().withLaneMode('red', 'side-gate', 'closed').build();
    expect(decide(plan2, 'red', cleanTruck, { id: 'main-gate', mode: 'auto' }, NOW).verdict).toBe('allow');
  });
});
