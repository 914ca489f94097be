import {
  type HealthInput,
  type HealthState,
  INITIAL_HEALTH,
  nextHealth,
  type StatusChange,
} from './camera-health';

const settings = { offlineAfterFailures: 3, driftThresholdMs: 5_000 };

/** Feeds inputs one poll interval apart on a fake clock; returns every change with its time. */
function run(inputs: HealthInput[], start: HealthState = INITIAL_HEALTH) {
  let clock = Date.parse('2026-11-28T08:00:00Z');
  let state = start;
  const changes: StatusChange[] = [];
  for (const input of inputs) {
    clock += 10_000;
    const next = nextHealth(state, input, settings, new Date(clock));
    state = next.state;
    changes.push(...next.changes);
  }
  return { state, changes };
}

const ok = (driftMs = 0): HealthInput => ({ kind: 'poll-ok', driftMs });
const down: HealthInput = { kind: 'poll-failed', reason: 'unreachable' };
const denied: HealthInput = { kind: 'poll-failed', reason: 'unauthorised' };

describe('camera health debounce', () => {
  it('reports online once, then nothing while healthy', () => {
    const { changes } = run([ok(120), ok(-300), ok(40)]);
    expect(changes).toEqual([
      { status: 'online', reason: 'reachable', at: new Date('2026-11-28T08:00:10Z'), clockDriftMs: 120 },
    ]);
  });

  it('goes offline only after three failed polls in a row, once, and recovers once', () => {
    const { changes } = run([ok(), down, down, ok(), down, down, down, down, down, ok()]);
    expect(changes.map((c) => [c.status, c.reason, c.at.toISOString()])).toEqual([
      ['online', 'reachable', '2026-11-28T08:00:10.000Z'],
      ['offline', 'unreachable', '2026-11-28T08:01:10.000Z'],
      ['recovered', 'reachable', '2026-11-28T08:01:40.000Z'],
    ]);
  });

  it('reports a camera that rejects our login as offline / unauthorised, and a change of reason once', () => {
    expect(run([denied, denied, denied]).changes.map((c) => [c.status, c.reason])).toEqual([
      ['offline', 'unauthorised'],
    ]);
    const { changes } = run([down, down, down, denied, denied, denied, denied]);
    expect(changes.map((c) => [c.status, c.reason])).toEqual([
      ['offline', 'unreachable'],
      ['offline', 'unauthorised'],
    ]);
  });

  it('reports clock drift beyond the threshold, and when it is back in sync', () => {
    const { changes } = run([ok(90_000), ok(89_000), ok(200), ok(-6_000)]);
    expect(changes.map((c) => [c.status, c.reason, c.clockDriftMs])).toEqual([
      ['online', 'clock-drift', 90_000],
      ['online', 'clock-in-sync', 200],
      ['online', 'clock-drift', -6_000],
    ]);
  });

  it('turns tamper alarms into tampered / recovered, once per change', () => {
    const { changes } = run([
      ok(),
      { kind: 'tamper', active: true },
      { kind: 'tamper', active: true },
      { kind: 'tamper', active: false },
    ]);
    expect(changes.map((c) => [c.status, c.reason])).toEqual([
      ['online', 'reachable'],
      ['tampered', 'tamper'],
      ['recovered', 'tamper-cleared'],
    ]);
  });

  it('judges no drift for a good poll that read no clock (an attached event stream)', () => {
    const { changes } = run([{ kind: 'poll-ok' }, down, down, down, { kind: 'poll-ok' }]);
    expect(changes).toEqual([
      { status: 'online', reason: 'reachable', at: new Date('2026-11-28T08:00:10Z') },
      { status: 'offline', reason: 'unreachable', at: new Date('2026-11-28T08:00:40Z') },
      { status: 'recovered', reason: 'reachable', at: new Date('2026-11-28T08:00:50Z') },
    ]);
    // A drift reported before stays as it was: no `clock-in-sync` without a clock.
    expect(run([ok(90_000), { kind: 'poll-ok' }]).changes.map((c) => c.reason)).toEqual(['clock-drift']);
  });
});
