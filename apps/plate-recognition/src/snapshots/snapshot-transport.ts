import {
  consumerGroupTopics,
  createKafka,
  ensureTopics,
  InMemoryProcessedEventStore,
  KafkaEventConsumer,
  KafkaEventTransport,
  type KafkaMessagingOptions,
  physicalTopic,
  type RetryPolicy,
} from '@ecogate/messaging';
import { type Logger } from '@ecogate/telemetry';
import { type SnapshotPipelineConfig } from '../config/plate-recognition.config';

/**
 * Recognition back-pressure: an overloaded or timed-out read is retried with back-off while the
 * partition waits (about a minute in all) before the snapshot is dead-lettered.
 */
export const SNAPSHOT_RETRY: RetryPolicy = { maxAttempts: 8, initialDelayMs: 500, maxDelayMs: 15_000 };

/**
 * The Nest transport of the snapshot consumer. Its dead-letter topic is created here (the
 * subscribed topic is the producer's); duplicates are claimed in memory before handling, so an
 * obviously redelivered snapshot is skipped (after a restart it is read again and republishes the
 * same event ids, which consumers deduplicate).
 */
export async function snapshotTransport(
  config: SnapshotPipelineConfig,
  logger: Logger,
  retry: RetryPolicy = SNAPSHOT_RETRY,
): Promise<{ transport: KafkaEventTransport; consumer: () => KafkaEventConsumer }> {
  const options: KafkaMessagingOptions = {
    brokers: config.kafka.brokers,
    clientId: config.kafka.clientId,
    ...(config.kafka.topicPrefix ? { topicPrefix: config.kafka.topicPrefix } : {}),
    ...(config.kafka.tls ? { tls: config.kafka.tls } : {}),
    ...(config.kafka.sasl ? { sasl: config.kafka.sasl } : {}),
    logger: logger.child({ component: 'messaging' }),
  };
  const kafka = createKafka(options);
  let consumer: KafkaEventConsumer | undefined;
  const transport = new KafkaEventTransport(
    (consumerOptions) => {
      consumer = new KafkaEventConsumer(kafka, options, consumerOptions);
      return consumer;
    },
    {
      groupId: config.kafka.groupId,
      retry,
      processedEvents: new InMemoryProcessedEventStore(),
      claimBeforeHandling: true,
    },
  );
  // The group's dead-letter and replay topics too: the consumer subscribes to `<group>.replay.v1`.
  const topics = ['camera.snapshot.captured.v1', ...consumerGroupTopics(config.kafka.groupId)];
  await ensureTopics(
    kafka,
    topics.map((topic) => ({ name: physicalTopic(options, topic) })),
  );
  return {
    transport,
    consumer: () => {
      if (!consumer) throw new Error('snapshot consumer not started');
      return consumer;
    },
  };
}
