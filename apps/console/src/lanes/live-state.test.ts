import { applyLive, barrierState, emptyLiveState, FEED_LENGTH, type LiveMessage } from './live-state';

const lane = {
  enterpriseId: 'demo-steel',
  siteId: 's1',
  gateId: 'east',
  laneId: 'east-in',
  direction: 'in' as const,
};
const decision = (id: string, plate: string): LiveMessage =>
  ({
    id,
    event: 'decision',
    data: {
      decisionId: `d-${id}`,
      lane,
      laneMode: 'auto',
      capturedAt: '2026-12-07T01:00:00.000Z',
      decidedAt: '2026-12-07T01:00:00.200Z',
      plate: { text: plate, colour: 'yellow' },
      alertLevel: 'none',
      verdict: 'allow',
      reasons: [],
      message: { zh: '放行', en: 'allowed' },
    },
  }) as LiveMessage;
const barrier = (id: string, action: 'open' | 'close', outcome: 'done' | 'failed'): LiveMessage =>
  ({
    id,
    event: 'barrier',
    data: { commandId: `c-${id}`, lane, action, trigger: 'decision', outcome, at: '2026-12-07T01:00:01Z' },
  }) as LiveMessage;

describe('applyLive', () => {
  it('keeps each lane’s latest decision and barrier command', () => {
    let state = emptyLiveState();
    state = applyLive(state, decision('1', '冀A12345'));
    state = applyLive(state, barrier('2', 'open', 'done'));
    state = applyLive(state, decision('3', '冀B54321'));
    const view = state.lanes.get('east-in');
    expect(view?.lastDecision?.plate.text).toBe('冀B54321');
    expect(view && barrierState(view)).toBe('open');
    expect(state.feed.map((m) => m.id)).toEqual(['3', '2', '1']);
  });

  it('ignores an event it has already applied (resent after a reconnect)', () => {
    const once = applyLive(emptyLiveState(), decision('1', '冀A12345'));
    expect(applyLive(once, decision('1', '冀A12345'))).toBe(once);
  });

  it('reports a failed barrier command as failed, whatever the action', () => {
    const state = applyLive(emptyLiveState(), barrier('1', 'open', 'failed'));
    expect(barrierState(state.lanes.get('east-in')!)).toBe('failed');
  });

  it('keeps the feed bounded', () => {
    let state = emptyLiveState();
    for (let i = 0; i < FEED_LENGTH + 10; i++) state = applyLive(state, decision(String(i), '冀A12345'));
    expect(state.feed).toHaveLength(FEED_LENGTH);
    expect(state.feed[0]?.id).toBe(String(FEED_LENGTH + 9));
  });

  it('tracks cameras by id', () => {
    const state = applyLive(emptyLiveState(), {
      id: 'c',
      event: 'camera',
      data: { cameraId: 'cam-1', status: 'offline', reason: 'no heartbeat', at: '2026-12-07T01:00:00Z' },
    } as LiveMessage);
    expect(state.cameras.get('cam-1')?.status).toBe('offline');
  });
});
