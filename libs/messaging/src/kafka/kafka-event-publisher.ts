import { type EventEnvelope, type TopicName } from '@ecogate/contracts';
import { meter } from '@ecogate/telemetry';
import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import { type EventPublisher, type PublishRequest } from '../event-publisher';
import { type KafkaMessagingOptions, physicalTopic } from './kafka-client';
import { buildEnvelope, envelopeHeaders } from './message-codec';

const published = meter('messaging').createCounter('messaging_published_total', {
  description: 'Events published to Kafka',
});

/** Idempotent producer (acks from all in-sync replicas, no duplicates on producer retries). */
export class KafkaEventPublisher implements EventPublisher {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly options: Pick<KafkaMessagingOptions, 'topicPrefix'>,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async publish<T extends TopicName>(topic: T, request: PublishRequest<T>): Promise<EventEnvelope<T>> {
    const envelope = buildEnvelope(topic, request);
    await this.publishEnvelope(envelope, request.key);
    return envelope;
  }

  async publishEnvelope(envelope: EventEnvelope, key: string): Promise<void> {
    await this.producer.send({
      topic: physicalTopic(this.options, envelope.type),
      acks: -1,
      compression: CompressionTypes.None,
      messages: [{ key, value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) }],
    });
    published.add(1, { topic: envelope.type });
  }
}
