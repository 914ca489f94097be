import { randomBytes } from 'node:crypto';
import {
  type EventEnvelope,
  liveBarrierEventSchema,
  liveCameraEventSchema,
  liveDecisionEventSchema,
  type LiveLaneMessage,
} from '@ecogate/contracts';
import { type EventConsumer, type MessagingTransport } from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';
import { type LaneStreams } from './lane-streams';

/** What the live view relays (`docs/gateway.md`, "Live lanes"). */
export const LIVE_TOPICS = [
  'gate.barrier.decided.v1',
  'gate.barrier.commanded.v1',
  'camera.status.changed.v1',
] as const;
type LiveTopic = (typeof LIVE_TOPICS)[number];

/** Consumer groups of the live feed: `gateway-live-<random>`, one per gateway process (`readerGroups` ACL). */
export const LIVE_GROUP_PREFIX = 'gateway-live-';

/**
 * An event as the stream shows it, with the enterprise whose viewers may see it; undefined when the
 * envelope and the payload name different enterprises (never shown to either).
 */
export function liveMessageOf(
  event: EventEnvelope<LiveTopic>,
): { readonly enterpriseId: string; readonly message: LiveLaneMessage } | undefined {
  const id = event.eventId;
  switch (event.type) {
    case 'gate.barrier.decided.v1': {
      const payload = (event as EventEnvelope<'gate.barrier.decided.v1'>).payload;
      return scoped(event.enterpriseId, payload.lane.enterpriseId, {
        id,
        event: 'decision',
        data: liveDecisionEventSchema.parse(payload),
      });
    }
    case 'gate.barrier.commanded.v1': {
      const payload = (event as EventEnvelope<'gate.barrier.commanded.v1'>).payload;
      return scoped(event.enterpriseId, payload.lane.enterpriseId, {
        id,
        event: 'barrier',
        data: liveBarrierEventSchema.parse(payload),
      });
    }
    case 'camera.status.changed.v1': {
      const payload = (event as EventEnvelope<'camera.status.changed.v1'>).payload;
      return scoped(event.enterpriseId, payload.enterpriseId, {
        id,
        event: 'camera',
        data: liveCameraEventSchema.parse(payload),
      });
    }
  }
}

function scoped(envelopeEnterprise: string, payloadEnterprise: string, message: LiveLaneMessage) {
  return envelopeEnterprise === payloadEnterprise ? { enterpriseId: payloadEnterprise, message } : undefined;
}

/**
 * The gateway's live feed: an ephemeral consumer (ADR 0008 bus, Kafka or the embedded log) in a group
 * of this process's own, so every replica sees every event from its start on, handing each event to
 * the viewers of its enterprise. Nothing is retried or dead-lettered: a live view shows what happens
 * now, the ledger keeps the record.
 */
export function createLiveFeed(
  transport: Pick<MessagingTransport, 'createConsumer'>,
  streams: LaneStreams,
  log: Logger,
): EventConsumer {
  const relay = async (event: EventEnvelope<LiveTopic>): Promise<void> => {
    const live = liveMessageOf(event);
    if (!live) {
      log.warn({ eventId: event.eventId, type: event.type }, 'live event names two enterprises; not relayed');
      return;
    }
    streams.publish(live.enterpriseId, live.message);
  };
  return transport.createConsumer({
    groupId: `${LIVE_GROUP_PREFIX}${randomBytes(6).toString('hex')}`,
    ephemeral: true,
    fromBeginning: false,
    retry: { maxAttempts: 1, initialDelayMs: 0, maxDelayMs: 0 },
    handlers: {
      'gate.barrier.decided.v1': relay,
      'gate.barrier.commanded.v1': relay,
      'camera.status.changed.v1': relay,
    },
  });
}
