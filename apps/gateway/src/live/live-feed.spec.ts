import { type EventEnvelope, liveDecisionEventSchema, type LiveLaneMessage } from '@ecogate/contracts';
import { buildEnvelope, embeddedTransport, InMemoryEventLog } from '@ecogate/messaging';
import { createLogger } from '@ecogate/telemetry';
import { expectEventually } from '@ecogate/testing';
import { LaneStreams, type LaneSubscriber } from './lane-streams';
import { createLiveFeed, LIVE_GROUP_PREFIX, liveMessageOf } from './live-feed';
import { aCameraStatus, aCommand, aDecision } from '../testing/live-events';

const logger = createLogger({ service: 'live-feed-spec', level: 'silent' });

describe('liveMessageOf', () => {
  it('shows a decision with its plate, stage, verdict, reasons, message, lane and operator, and no image references', () => {
    const payload = aDecision('ent-a', { operator: { id: 'staff-1', reason: '人工放行' } });
    const envelope = buildEnvelope('gate.barrier.decided.v1', {
      enterpriseId: 'ent-a',
      key: 'lane-1',
      payload,
    });
    const live = liveMessageOf(envelope);
    expect(live?.enterpriseId).toBe('ent-a');
    expect(live?.message).toEqual({
      id: envelope.eventId,
      event: 'decision',
      data: {
        decisionId: payload.decisionId,
        lane: payload.lane,
        laneMode: 'auto',
        capturedAt: payload.capturedAt,
        decidedAt: payload.decidedAt,
        plate: { text: '冀A12345', colour: 'yellow' },
        alertLevel: 'orange',
        verdict: 'deny',
        reasons: ['stage-below-minimum'],
        stage: { stage: 'IV', source: 'platform-query' },
        message: payload.message,
        operator: { id: 'staff-1', reason: '人工放行' },
      },
    });
    expect(liveDecisionEventSchema.strict().safeParse(live?.message.data).success).toBe(true);
  });

  it('shows a barrier command with its outcome, and a camera status with its drift', () => {
    const command = aCommand('ent-a', 'd-1');
    const commanded = buildEnvelope('gate.barrier.commanded.v1', {
      enterpriseId: 'ent-a',
      key: 'lane-1',
      payload: command,
    });
    expect(liveMessageOf(commanded)?.message).toEqual({
      id: commanded.eventId,
      event: 'barrier',
      data: {
        commandId: command.commandId,
        decisionId: 'd-1',
        lane: command.lane,
        action: 'open',
        trigger: 'manual',
        operator: command.operator,
        outcome: 'done',
        at: command.at,
      },
    });
    const status = aCameraStatus('ent-a');
    const camera = buildEnvelope('camera.status.changed.v1', {
      enterpriseId: 'ent-a',
      key: 'cam-east-1',
      payload: status,
    });
    expect(liveMessageOf(camera)).toEqual({
      enterpriseId: 'ent-a',
      message: {
        id: camera.eventId,
        event: 'camera',
        data: {
          cameraId: 'cam-east-1',
          status: 'offline',
          reason: status.reason,
          at: status.at,
          clockDriftMs: -1200,
        },
      },
    });
  });

  it("shows a tampered camera with the view check's kind and before/after pair", () => {
    const tamper = {
      kind: 'shifted' as const,
      referenceKey: 'ref.jpg',
      currentKey: 'now.jpg',
      scores: { edgeOverlap: 0.3 },
    };
    const status = { ...aCameraStatus('ent-a'), status: 'tampered' as const, reason: 'view-changed', tamper };
    const camera = buildEnvelope('camera.status.changed.v1', {
      enterpriseId: 'ent-a',
      key: 'cam-east-1',
      payload: status,
    });
    expect(liveMessageOf(camera)?.message.data).toMatchObject({
      status: 'tampered',
      reason: 'view-changed',
      tamper,
    });
  });

  it('shows nobody an event whose envelope and payload name different enterprises', () => {
    const envelope = buildEnvelope('gate.barrier.decided.v1', {
      enterpriseId: 'ent-b',
      key: 'lane-1',
      payload: aDecision('ent-a'),
    });
    expect(liveMessageOf(envelope as EventEnvelope<'gate.barrier.decided.v1'>)).toBeUndefined();
  });
});

describe('createLiveFeed', () => {
  it('relays events from its start on to the viewers of their enterprise only, in a group of its own that owns no topics', async () => {
    const transport = embeddedTransport(
      { pollIntervalMs: 10 },
      { logger },
      Object.assign(new InMemoryEventLog(), {
        close: async () => undefined,
      }),
    );
    const streams = new LaneStreams({ perEnterprise: 5, total: 10 });
    const feed = createLiveFeed(transport, streams, logger);
    expect(feed.topics().sort()).toEqual([
      'camera.status.changed.v1',
      'gate.barrier.commanded.v1',
      'gate.barrier.decided.v1',
    ]);
    expect(feed.health().groupId.startsWith(LIVE_GROUP_PREFIX)).toBe(true);
    await transport.ensureTopics(feed.topics().map((name) => ({ name })));
    const publisher = transport.createPublisher();
    const before = await publisher.publish('gate.barrier.decided.v1', {
      enterpriseId: 'ent-a',
      key: 'lane-1',
      payload: aDecision('ent-a'),
    });
    await feed.start();
    await feed.ready();
    const seen: Record<string, LiveLaneMessage[]> = { 'ent-a': [], 'ent-b': [] };
    const viewer = (enterpriseId: string): LaneSubscriber => ({
      send: (message) => void seen[enterpriseId]!.push(message),
      end: () => undefined,
    });
    streams.subscribe('ent-a', viewer('ent-a'));
    streams.subscribe('ent-b', viewer('ent-b'));

    const forB = await publisher.publish('gate.barrier.decided.v1', {
      enterpriseId: 'ent-b',
      key: 'lane-9',
      payload: aDecision('ent-b'),
    });
    const forA = await publisher.publish('gate.barrier.decided.v1', {
      enterpriseId: 'ent-a',
      key: 'lane-1',
      payload: aDecision('ent-a'),
    });
    const commandA = await publisher.publish('gate.barrier.commanded.v1', {
      enterpriseId: 'ent-a',
      key: 'lane-1',
      payload: aCommand('ent-a'),
    });
    const cameraA = await publisher.publish('camera.status.changed.v1', {
      enterpriseId: 'ent-a',
      key: 'cam-east-1',
      payload: aCameraStatus('ent-a'),
    });
    await expectEventually(() => {
      expect(seen['ent-a']!.map((m) => m.id).sort()).toEqual(
        [forA.eventId, commandA.eventId, cameraA.eventId].sort(),
      );
      expect(seen['ent-b']!.map((m) => m.id)).toEqual([forB.eventId]);
    });
    expect(seen['ent-a']!.map((m) => m.id)).not.toContain(before.eventId);
    await feed.stop();
    await transport.close();
  });
});
