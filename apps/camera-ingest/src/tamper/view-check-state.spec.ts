import { type TamperKind } from '@ecogate/camera-tamper';
import { initialViewCheck, nextViewCheck, type ViewChange, type ViewCheckState } from './view-check-state';

const settings = { confirmChecks: 2, frozenAfterMs: 5 * 60_000 };
const t0 = Date.parse('2026-12-07T08:00:00Z');
const minute = 60_000;

/** Feeds checks one minute apart (each with a fresh frame unless a fingerprint is given); answers every change. */
function run(
  checks: readonly (TamperKind | null | { assessed: TamperKind | null; fingerprint: string })[],
  state: ViewCheckState = initialViewCheck(null),
): { changes: (ViewChange | null)[]; state: ViewCheckState } {
  const changes: (ViewChange | null)[] = [];
  checks.forEach((check, i) => {
    const observation =
      check !== null && typeof check === 'object'
        ? { ...check, at: new Date(t0 + i * minute) }
        : { assessed: check, fingerprint: `frame-${i}`, at: new Date(t0 + i * minute) };
    const next = nextViewCheck(state, observation, settings);
    changes.push(next.change);
    state = next.state;
  });
  return { changes, state };
}

describe('nextViewCheck', () => {
  it('publishes tampered only when two checks in a row agree, and recovered the same way', () => {
    expect(run([null, 'covered', 'covered', 'covered', null, null]).changes).toEqual([
      null,
      null,
      { status: 'tampered', kind: 'covered' },
      null,
      null,
      { status: 'recovered', cleared: 'covered' },
    ]);
  });

  it('ignores one odd frame (a truck filling the view) between good ones', () => {
    expect(run([null, 'covered', null, 'shifted', null]).changes).toEqual([null, null, null, null, null]);
  });

  it('reports another kind when the tampering changes, and no recovered between', () => {
    expect(run(['covered', 'covered', 'shifted', 'shifted']).changes).toEqual([
      null,
      { status: 'tampered', kind: 'covered' },
      null,
      { status: 'tampered', kind: 'shifted' },
    ]);
  });

  it('starts from the state published before a restart: no repeat, and recovered when it cleared', () => {
    expect(run(['blurred', 'blurred'], initialViewCheck('blurred')).changes).toEqual([null, null]);
    expect(run([null, null], initialViewCheck('blurred')).changes).toEqual([
      null,
      { status: 'recovered', cleared: 'blurred' },
    ]);
  });

  it('calls the same frame for the configured time frozen, and a moving picture clears it', () => {
    const same = { assessed: null, fingerprint: 'still' };
    const checks = [same, same, same, same, same, same, same, null, null];
    // Minutes 0..6 show one frame: 5 minutes reached at minute 5, confirmed at minute 6.
    expect(run(checks).changes).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      { status: 'tampered', kind: 'frozen' },
      null,
      { status: 'recovered', cleared: 'frozen' },
    ]);
  });

  it('reports what the comparison found over a frozen frame (a covered camera is covered)', () => {
    const covered = { assessed: 'covered' as const, fingerprint: 'still' };
    const { changes } = run(Array.from({ length: 8 }, () => covered));
    expect(changes.filter(Boolean)).toEqual([{ status: 'tampered', kind: 'covered' }]);
  });

  it('publishes at once with confirmChecks 1', () => {
    const next = nextViewCheck(
      initialViewCheck(null),
      { assessed: 'too-dark', fingerprint: 'a', at: new Date(t0) },
      { ...settings, confirmChecks: 1 },
    );
    expect(next.change).toEqual({ status: 'tampered', kind: 'too-dark' });
  });
});
