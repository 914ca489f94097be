import { InvalidTransitionError, nextState, statesAccepting } from './delivery-state';

describe('delivery state transitions', () => {
  it.each([
    ['pending', 'claimed', 'in-flight'],
    ['in-flight', 'acknowledged', 'acknowledged'],
    ['in-flight', 'rejected', 'rejected'],
    ['in-flight', 'failed', 'pending'],
    ['in-flight', 'released', 'pending'],
    ['in-flight', 'gave-up', 'dead'],
    ['in-flight', 'claimed', 'in-flight'],
    ['rejected', 'corrected', 'pending'],
    ['rejected', 'superseded', 'dead'],
    ['pending', 'superseded', 'dead'],
    ['dead', 're-pushed', 'pending'],
    ['acknowledged', 're-pushed', 'pending'],
  ] as const)('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from, event)).toBe(to);
  });

  it.each([
    ['acknowledged', 'rejected'],
    ['acknowledged', 'superseded'],
    ['rejected', 'claimed'],
    ['pending', 'acknowledged'],
    ['in-flight', 'corrected'],
    ['in-flight', 're-pushed'],
  ] as const)('refuses %s --%s-->', (from, event) => {
    expect(() => nextState(from, event)).toThrow(InvalidTransitionError);
  });

  it('never retries a rejected record by itself: only a correction or an operator re-push requeues it', () => {
    expect(statesAccepting('claimed')).toEqual(['pending', 'in-flight']);
    expect(statesAccepting('corrected')).toEqual(['rejected', 'dead']);
  });

  it('never lets an acknowledged record be superseded or re-rejected', () => {
    expect(statesAccepting('superseded')).not.toContain('acknowledged');
    expect(statesAccepting('rejected')).toEqual(['in-flight']);
  });
});
