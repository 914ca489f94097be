import { createLogger } from '@ecogate/telemetry';
import { INITIAL_HEALTH, type StatusChange } from './camera-health';
import { CameraHealthTracker } from './camera-health-tracker';

const logger = createLogger({ service: 'camera-health-tracker-spec', level: 'fatal' });
const settings = { offlineAfterFailures: 2, driftThresholdMs: 5_000 };
const at = new Date('2026-11-28T08:00:00Z');

describe('CameraHealthTracker', () => {
  it('publishes each change the debounce reports, and follows the state', async () => {
    const published: StatusChange[] = [];
    const tracker = new CameraHealthTracker(
      INITIAL_HEALTH,
      settings,
      async (change) => void published.push(change),
      logger,
    );
    await tracker.apply({ kind: 'poll-ok', driftMs: 9_000 }, at);
    await tracker.apply({ kind: 'poll-failed', reason: 'unreachable' }, at);
    expect(published).toEqual([{ status: 'online', reason: 'clock-drift', at, clockDriftMs: 9_000 }]);
    await tracker.apply({ kind: 'poll-failed', reason: 'unreachable' }, at);
    expect(published.map((c) => c.status)).toEqual(['online', 'offline']);
    expect(tracker.state).toMatchObject({ phase: 'offline', offlineReason: 'unreachable', drifting: true });
  });

  it('goes on when a change cannot be published: the state still moves', async () => {
    const tracker = new CameraHealthTracker(
      INITIAL_HEALTH,
      settings,
      async () => {
        throw new Error('broker down');
      },
      logger,
    );
    await expect(tracker.apply({ kind: 'poll-ok' }, at)).resolves.toBeUndefined();
    expect(tracker.state.phase).toBe('online');
  });
});
