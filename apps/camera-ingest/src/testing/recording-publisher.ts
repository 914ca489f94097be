import { type EventEnvelope, type TopicName } from '@ecogate/contracts';
import { type EventPublisher, type PublishRequest } from '@ecogate/messaging';

/** Keeps what a service published, in order, for unit specs. */
export class RecordingPublisher implements EventPublisher {
  readonly published: { topic: TopicName; request: PublishRequest<TopicName> }[] = [];

  async publish<T extends TopicName>(topic: T, request: PublishRequest<T>): Promise<EventEnvelope<T>> {
    this.published.push({ topic, request: request as PublishRequest<TopicName> });
    return { type: topic, payload: request.payload } as unknown as EventEnvelope<T>;
  }

  async publishEnvelope(): Promise<void> {
    throw new Error('published through publish() only');
  }
}
