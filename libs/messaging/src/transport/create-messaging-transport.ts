import { DeadLetters } from '../dead-letter-replay';
import { EmbeddedBus } from '../embedded/embedded-bus';
import { EmbeddedDeadLetters } from '../embedded/embedded-dead-letters';
import { EmbeddedEventConsumer } from '../embedded/embedded-event-consumer';
import { EmbeddedEventPublisher } from '../embedded/embedded-event-publisher';
import { createKafka, physicalTopic } from '../kafka/kafka-client';
import { KafkaEventConsumer } from '../kafka/kafka-event-consumer';
import { KafkaEventPublisher } from '../kafka/kafka-event-publisher';
import { ensureTopics } from '../kafka/topic-admin';
import {
  type EmbeddedTransportSettings,
  type EventLogHandle,
  type KafkaTransportSettings,
  type MessagingDependencies,
  type MessagingSettings,
  type MessagingTransport,
} from './messaging-transport';

const HOUR_MS = 3_600_000;
const DEFAULT_RETENTION_HOURS = 7 * 24;

/** Builds the transport the configuration names: Kafka (the existing classes) or the embedded bus. */
export async function createMessagingTransport(
  settings: MessagingSettings,
  dependencies: MessagingDependencies,
): Promise<MessagingTransport> {
  switch (settings.kind) {
    case 'kafka':
      return kafkaTransport(settings, dependencies);
    case 'embedded':
      return embeddedTransport(
        settings,
        dependencies,
        await dependencies.openEventLog(settings.eventLogUrl.reveal(), dependencies.logger),
      );
  }
}

function kafkaTransport(
  settings: KafkaTransportSettings,
  { logger }: MessagingDependencies,
): MessagingTransport {
  const messaging = { ...settings.kafka, logger };
  const kafka = createKafka(messaging);
  return {
    kind: 'kafka',
    physicalTopic: (topic) => physicalTopic(messaging, topic),
    ensureTopics: (specs) => ensureTopics(kafka, specs),
    createPublisher: () => new KafkaEventPublisher(kafka, messaging),
    createConsumer: (options) => new KafkaEventConsumer(kafka, messaging, options),
    deadLetters: (group) => new DeadLetters(kafka, messaging, group),
    close: async () => undefined,
  };
}

/** Exported for tests that bring their own log (e.g. `InMemoryEventLog`). */
export function embeddedTransport(
  settings: Omit<EmbeddedTransportSettings, 'eventLogUrl' | 'kind'>,
  { logger }: Pick<MessagingDependencies, 'logger'>,
  log: EventLogHandle,
): MessagingTransport {
  const bus = new EmbeddedBus({
    log,
    logger,
    ...(settings.topicPrefix !== undefined ? { topicPrefix: settings.topicPrefix } : {}),
    ...(settings.pollIntervalMs !== undefined ? { pollIntervalMs: settings.pollIntervalMs } : {}),
  });
  const retentionMs = (settings.retentionHours ?? DEFAULT_RETENTION_HOURS) * HOUR_MS;
  const retentionLog = logger.child({ component: 'event-log-retention' });
  // Every service of the machine runs it; deleting the same old rows twice is harmless.
  const retention = setInterval(
    () => {
      log
        .deleteAppendedBefore(new Date(Date.now() - retentionMs))
        .then((deleted) => deleted > 0 && retentionLog.info({ deleted }, 'expired event log records deleted'))
        .catch((error: unknown) => retentionLog.warn({ error: String(error) }, 'event log retention failed'));
    },
    Math.min(HOUR_MS, retentionMs),
  ).unref();
  return {
    kind: 'embedded',
    physicalTopic: (topic) => bus.physicalTopic(topic),
    ensureTopics: (specs) => bus.ensureTopics(specs),
    createPublisher: () => new EmbeddedEventPublisher(bus),
    createConsumer: (options) => new EmbeddedEventConsumer(bus, options),
    deadLetters: (group) => new EmbeddedDeadLetters(bus, group),
    close: async () => {
      clearInterval(retention);
      await log.close();
    },
  };
}
