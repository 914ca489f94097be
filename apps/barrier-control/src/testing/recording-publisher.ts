import { type EventEnvelope, type PayloadOf, type TopicName } from '@ecogate/contracts';
import { type EventPublisher, type PublishRequest } from '@ecogate/messaging';

/** Unit tests: keeps what barrier control publishes (Kafka itself is covered by the int specs). */
export class RecordingPublisher implements EventPublisher {
  readonly events: { topic: TopicName; payload: unknown }[] = [];

  async publish<T extends TopicName>(topic: T, request: PublishRequest<T>): Promise<EventEnvelope<T>> {
    this.events.push({ topic, payload: request.payload });
    return { type: topic, payload: request.payload } as unknown as EventEnvelope<T>;
  }

  async publishEnvelope(): Promise<void> {
    throw new Error('barrier control publishes through publish() only');
  }

  of<T extends TopicName>(topic: T): PayloadOf<T>[] {
    return this.events.filter((e) => e.topic === topic).map((e) => e.payload as PayloadOf<T>);
  }
}
