import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type TopicName } from '@ecogate/contracts';
import { createKafka, ensureTopics, KafkaEventConsumer, type KafkaSecurityOptions } from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';

/** The topics the lane chain produces that tests and the bench watch. */
export const TAPPED = [
  'anpr.plate.read.v1',
  'gate.barrier.decided.v1',
  'gate.barrier.commanded.v1',
  'gate.violation.detected.v1',
  'ledger.passage.recorded.v1',
] as const satisfies readonly TopicName[];
export type TappedTopic = (typeof TAPPED)[number];

/** Records every event of the chain's topics (own consumer group, from the beginning). */
export class EventTap {
  private readonly seen = new Map<TappedTopic, EventEnvelope[]>();
  private readonly consumer: KafkaEventConsumer;
  private readonly kafka: ReturnType<typeof createKafka>;

  constructor(
    options: KafkaSecurityOptions & { brokers: readonly string[]; topicPrefix: string; logger: Logger },
  ) {
    const messaging = {
      ...options,
      brokers: options.brokers,
      clientId: 'lane-e2e-tap',
      topicPrefix: options.topicPrefix,
      logger: options.logger,
    };
    const kafka = createKafka(messaging);
    this.kafka = kafka;
    const record = async (event: EventEnvelope): Promise<void> => {
      const list = this.seen.get(event.type as TappedTopic) ?? [];
      list.push(event);
      this.seen.set(event.type as TappedTopic, list);
    };
    this.consumer = new KafkaEventConsumer(kafka, messaging, {
      groupId: `lane-e2e-tap-${randomUUID().slice(0, 8)}`,
      handlers: Object.fromEntries(TAPPED.map((topic) => [topic, record])),
    });
  }

  async start(): Promise<void> {
    await ensureTopics(
      this.kafka,
      this.consumer.topics().map((name) => ({ name })),
    );
    await this.consumer.start();
    await this.consumer.ready();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  events<T extends TappedTopic>(topic: T): EventEnvelope<T>[] {
    return (this.seen.get(topic) ?? []) as EventEnvelope<T>[];
  }
}
