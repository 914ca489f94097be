import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type TopicName, topicVersion, validatePayload } from '@ecogate/contracts';
import { CORRELATION_HEADER, currentCorrelationId, newCorrelationId } from '@ecogate/telemetry';
import { context, propagation } from '@opentelemetry/api';
import { type IHeaders } from 'kafkajs';
import { type PublishRequest } from '../event-publisher';

export const EVENT_ID_HEADER = 'ecogate-event-id';
export const EVENT_TYPE_HEADER = 'ecogate-event-type';
export const ENTERPRISE_HEADER = 'ecogate-enterprise-id';

/** Builds the envelope for a payload, validating it first and capturing the current trace. */
export function buildEnvelope<T extends TopicName>(topic: T, request: PublishRequest<T>): EventEnvelope<T> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    eventId: request.eventId ?? randomUUID(),
    type: topic,
    version: topicVersion(topic),
    occurredAt: (request.occurredAt ?? new Date()).toISOString(),
    enterpriseId: request.enterpriseId,
    correlationId: request.correlationId ?? currentCorrelationId() ?? newCorrelationId(),
    ...(carrier['traceparent'] ? { traceparent: carrier['traceparent'] } : {}),
    ...(carrier['tracestate'] ? { tracestate: carrier['tracestate'] } : {}),
    payload: validatePayload(topic, request.payload),
  };
}

/** Headers mirror the envelope so tools (and the dead-letter view) can route without parsing values. */
export function envelopeHeaders(envelope: EventEnvelope): IHeaders {
  return {
    [EVENT_ID_HEADER]: envelope.eventId,
    [EVENT_TYPE_HEADER]: envelope.type,
    [ENTERPRISE_HEADER]: envelope.enterpriseId,
    [CORRELATION_HEADER]: envelope.correlationId,
    ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
    ...(envelope.tracestate ? { tracestate: envelope.tracestate } : {}),
  };
}

export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = (Array.isArray(value) ? value : [value]).map((v) => v.toString()).join(',');
  }
  return out;
}
