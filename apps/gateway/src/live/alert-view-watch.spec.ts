import { type AlertView } from '@ecogate/contracts';
import { snapshotKey, watchAlertView } from './alert-view-watch';
import { type SseMessage } from './sse-stream';

const view = (refused: number, at = '2026-12-07T10:00:00.000Z'): AlertView => ({
  at,
  districtCode: null,
  itemLimit: 20,
  total: {
    enterprises: refused > 0 ? 1 : 0,
    refused,
    belowMinimumEntered: 0,
    unknownStageAdmitted: 0,
    camerasOffline: 0,
    camerasTampered: 0,
  },
  districts: [],
});

describe('watchAlertView', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first view at once, then only views that changed, skipping failed reads', async () => {
    const sent: SseMessage[] = [];
    const reads: (AlertView | Error)[] = [view(0, '2026-12-07T10:00:15.000Z'), new Error('down'), view(1)];
    const failures: unknown[] = [];
    const stop = watchAlertView(view(0), {
      read: async () => {
        const next = reads.shift() ?? view(1);
        if (next instanceof Error) throw next;
        return next;
      },
      send: (message) => sent.push(message),
      intervalMs: 1_000,
      onReadFailure: (error) => failures.push(error),
    });
    expect(sent.map((m) => m.event)).toEqual(['snapshot']);
    // The same content read again (only `at` differs): nothing sent; then a failure; then a change.
    for (let tick = 0; tick < 4; tick += 1) await jest.advanceTimersByTimeAsync(1_000);
    expect(failures).toHaveLength(1);
    expect(sent.map((m) => (m.data as AlertView).total.refused)).toEqual([0, 1]);
    expect(sent[1]!.id).toBe(snapshotKey(view(1)));
    stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(2);
  });

  it('keys a view by its content, not by when it was read', () => {
    expect(snapshotKey(view(2, '2026-12-07T10:00:00.000Z'))).toBe(
      snapshotKey(view(2, '2026-12-07T11:00:00.000Z')),
    );
    expect(snapshotKey(view(2))).not.toBe(snapshotKey(view(3)));
  });
});
