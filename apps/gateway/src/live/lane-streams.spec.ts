import { type LiveLaneMessage } from '@ecogate/contracts';
import { LaneStreams, type LaneSubscriber } from './lane-streams';

const message = (id: string): LiveLaneMessage => ({
  id,
  event: 'camera',
  data: { cameraId: 'cam-1', status: 'offline', reason: 'no answer', at: '2026-11-28T08:00:00.000Z' },
});

class Sink implements LaneSubscriber {
  readonly received: string[] = [];
  ended = 0;
  failing = false;

  send(m: LiveLaneMessage): void {
    if (this.failing) throw new Error('socket gone');
    this.received.push(m.id);
  }

  end(): void {
    this.ended += 1;
  }
}

describe('LaneStreams (the live view fan-out)', () => {
  it("hands an enterprise's events to its subscribers, and to no other enterprise's", () => {
    const streams = new LaneStreams({ perEnterprise: 10, total: 100 });
    const a1 = new Sink();
    const a2 = new Sink();
    const b = new Sink();
    streams.subscribe('ent-a', a1);
    streams.subscribe('ent-a', a2);
    streams.subscribe('ent-b', b);
    expect(streams.publish('ent-a', message('e1'))).toBe(2);
    expect(streams.publish('ent-b', message('e2'))).toBe(1);
    expect(streams.publish('ent-c', message('e3'))).toBe(0);
    expect(a1.received).toEqual(['e1']);
    expect(a2.received).toEqual(['e1']);
    expect(b.received).toEqual(['e2']);
  });

  it('stops sending once unsubscribed, and frees the slot (unsubscribing twice counts once)', () => {
    const streams = new LaneStreams({ perEnterprise: 1, total: 100 });
    const first = new Sink();
    const subscription = streams.subscribe('ent-a', first);
    if (subscription.outcome !== 'subscribed') throw new Error('not subscribed');
    expect(streams.subscribe('ent-a', new Sink())).toEqual({ outcome: 'too-many-streams' });
    subscription.unsubscribe();
    subscription.unsubscribe();
    expect(streams.count('ent-a')).toBe(0);
    expect(streams.count()).toBe(0);
    streams.publish('ent-a', message('e1'));
    expect(first.received).toEqual([]);
    expect(streams.subscribe('ent-a', new Sink()).outcome).toBe('subscribed');
  });

  it('caps streams per enterprise and on the instance in all', () => {
    const streams = new LaneStreams({ perEnterprise: 2, total: 3 });
    expect(streams.subscribe('ent-a', new Sink()).outcome).toBe('subscribed');
    expect(streams.subscribe('ent-a', new Sink()).outcome).toBe('subscribed');
    expect(streams.subscribe('ent-a', new Sink()).outcome).toBe('too-many-streams');
    expect(streams.subscribe('ent-b', new Sink()).outcome).toBe('subscribed');
    expect(streams.subscribe('ent-c', new Sink()).outcome).toBe('too-many-streams');
    expect(streams.count()).toBe(3);
    expect(streams.count('ent-a')).toBe(2);
  });

  it('drops and ends a subscriber whose send fails; the others still get the event', () => {
    const streams = new LaneStreams({ perEnterprise: 10, total: 100 });
    const broken = new Sink();
    broken.failing = true;
    const healthy = new Sink();
    streams.subscribe('ent-a', broken);
    streams.subscribe('ent-a', healthy);
    expect(streams.publish('ent-a', message('e1'))).toBe(1);
    expect(healthy.received).toEqual(['e1']);
    expect(broken.ended).toBe(1);
    expect(streams.count('ent-a')).toBe(1);
  });

  it('ends every stream at shutdown and refuses new ones', () => {
    const streams = new LaneStreams({ perEnterprise: 10, total: 100 });
    const a = new Sink();
    const b = new Sink();
    streams.subscribe('ent-a', a);
    streams.subscribe('ent-b', b);
    streams.closeAll();
    expect([a.ended, b.ended]).toEqual([1, 1]);
    expect(streams.count()).toBe(0);
    expect(streams.subscribe('ent-a', new Sink())).toEqual({ outcome: 'closed' });
    expect(streams.publish('ent-a', message('e1'))).toBe(0);
  });
});
