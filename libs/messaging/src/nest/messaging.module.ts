import { type TopicName } from '@ecogate/contracts';
import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createMessagingTransport } from '../transport/create-messaging-transport';
import {
  type ConnectablePublisher,
  type MessagingDependencies,
  type MessagingSettings,
  type MessagingTransport,
} from '../transport/messaging-transport';

/** Injection token of the app's `EventPublisher`. */
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
/** Injection token of the app's `MessagingTransport` (Kafka or the embedded log, ADR 0008). */
export const MESSAGING_TRANSPORT = Symbol('MESSAGING_TRANSPORT');

export interface MessagingModuleOptions {
  /** The bus the configuration names (`messagingConfig` of `@ecogate/config`). */
  readonly settings: MessagingSettings;
  readonly dependencies: MessagingDependencies;
  /** Topics this app publishes to; created at boot if missing. */
  readonly publishes: readonly TopicName[];
}

@Injectable()
class MessagingLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: ConnectablePublisher,
    @Inject(MESSAGING_TRANSPORT) private readonly transport: MessagingTransport,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
    await this.transport.close();
  }
}

/**
 * Gives a Nest app the configured transport and an `EventPublisher` (inject `EVENT_PUBLISHER`),
 * its topics created and connected before the app starts; both released at shutdown.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: MESSAGING_TRANSPORT,
          useFactory: () => createMessagingTransport(options.settings, options.dependencies),
        },
        {
          provide: EVENT_PUBLISHER,
          inject: [MESSAGING_TRANSPORT],
          useFactory: async (transport: MessagingTransport) => {
            await transport.ensureTopics(
              options.publishes.map((topic) => ({ name: transport.physicalTopic(topic) })),
            );
            const publisher = transport.createPublisher();
            await publisher.connect();
            return publisher;
          },
        },
        MessagingLifecycle,
      ],
      exports: [EVENT_PUBLISHER, MESSAGING_TRANSPORT],
    };
  }
}
