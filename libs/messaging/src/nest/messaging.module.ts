import { type TopicName } from '@ecogate/contracts';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type Kafka } from 'kafkajs';
import { createKafka, type KafkaMessagingOptions, physicalTopic } from '../kafka/kafka-client';
import { KafkaEventPublisher } from '../kafka/kafka-event-publisher';
import { ensureTopics } from '../kafka/topic-admin';

/** Injection token of the app's `EventPublisher`. */
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
const KAFKA = Symbol('KAFKA');

export interface MessagingModuleOptions extends KafkaMessagingOptions {
  /** Topics this app publishes to; created at boot if missing. */
  readonly publishes: readonly TopicName[];
}

@Injectable()
class PublisherLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_PUBLISHER) private readonly publisher: KafkaEventPublisher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
  }
}

/** Gives a Nest app an `EventPublisher` (inject `EVENT_PUBLISHER`) connected before the app starts. */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(options) },
        {
          provide: EVENT_PUBLISHER,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            await ensureTopics(
              kafka,
              options.publishes.map((topic) => ({ name: physicalTopic(options, topic) })),
            );
            const publisher = new KafkaEventPublisher(kafka, options);
            await publisher.connect();
            return publisher;
          },
        },
        PublisherLifecycle,
      ],
      exports: [EVENT_PUBLISHER, KAFKA],
    };
  }
}
