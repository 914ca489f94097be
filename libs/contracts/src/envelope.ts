import { z } from 'zod';
import { idSchema, instantSchema } from './common';
import { type PayloadOf, topicMap, type TopicName, topicVersion } from './topic-map';

/** What every message carries around its payload. */
export interface EventEnvelope<T extends TopicName = TopicName> {
  /** Unique per event; consumers deduplicate on it. */
  readonly eventId: string;
  readonly type: T;
  readonly version: number;
  readonly occurredAt: string;
  /** The tenant the event belongs to; every consumer scopes its work by it. */
  readonly enterpriseId: string;
  readonly correlationId: string;
  /** W3C trace context of the producing span. */
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly payload: PayloadOf<T>;
}

const envelopeShape = z.object({
  eventId: z.uuid(),
  type: z.string(),
  version: z.number().int().positive(),
  occurredAt: instantSchema,
  enterpriseId: idSchema,
  correlationId: z.string().min(1).max(128),
  traceparent: z.string().max(55).optional(),
  tracestate: z.string().max(512).optional(),
  payload: z.unknown(),
});

export type EnvelopeErrorCode = 'not-json' | 'bad-envelope' | 'wrong-topic' | 'bad-payload';

export class EnvelopeError extends Error {
  constructor(
    readonly code: EnvelopeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

/** Validates a decoded message against the envelope and the topic's payload schema. */
export function parseEnvelope<T extends TopicName>(topic: T, value: unknown): EventEnvelope<T> {
  const envelope = envelopeShape.safeParse(value);
  if (!envelope.success) throw new EnvelopeError('bad-envelope', z.prettifyError(envelope.error));
  if (envelope.data.type !== topic || envelope.data.version !== topicVersion(topic)) {
    throw new EnvelopeError(
      'wrong-topic',
      `event ${envelope.data.type} v${envelope.data.version} on topic ${topic}`,
    );
  }
  const payload = topicMap[topic].safeParse(envelope.data.payload);
  if (!payload.success) throw new EnvelopeError('bad-payload', z.prettifyError(payload.error));
  return { ...envelope.data, type: topic, payload: payload.data as PayloadOf<T> };
}

/** Validates a payload before it is published, so a bad event never reaches the broker. */
export function validatePayload<T extends TopicName>(topic: T, payload: unknown): PayloadOf<T> {
  const parsed = topicMap[topic].safeParse(payload);
  if (!parsed.success) throw new EnvelopeError('bad-payload', `${topic}: ${z.prettifyError(parsed.error)}`);
  return parsed.data as PayloadOf<T>;
}
