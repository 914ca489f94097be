import { type EventEnvelope, type TopicName } from '@ecogate/contracts';
import { meter } from '@ecogate/telemetry';
import { type EventPublisher, type PublishRequest } from '../event-publisher';
import { buildEnvelope, envelopeHeaders, headersToStrings } from '../kafka/message-codec';
import { type EmbeddedBus } from './embedded-bus';

const published = meter('messaging').createCounter('messaging_published_total', {
  description: 'Events published to Kafka',
});

/**
 * Publishes to the embedded bus: same envelope, key and headers as `KafkaEventPublisher`; a
 * publish resolves once the record is durable in the log (Kafka's `acks: -1`).
 */
export class EmbeddedEventPublisher implements EventPublisher {
  constructor(private readonly bus: EmbeddedBus) {}

  async connect(): Promise<void> {
    // Nothing to connect: the log's store is open already.
  }

  async disconnect(): Promise<void> {
    // Nothing to release: publishes that resolved are durable.
  }

  async publish<T extends TopicName>(topic: T, request: PublishRequest<T>): Promise<EventEnvelope<T>> {
    const envelope = buildEnvelope(topic, request);
    await this.publishEnvelope(envelope, request.key);
    return envelope;
  }

  async publishEnvelope(envelope: EventEnvelope, key: string): Promise<void> {
    await this.bus.append(
      this.bus.physicalTopic(envelope.type),
      key,
      JSON.stringify(envelope),
      headersToStrings(envelopeHeaders(envelope)),
    );
    published.add(1, { topic: envelope.type });
  }
}
