import {
  type ConnectablePublisher,
  consumerGroupTopics,
  createMessagingTransport,
  type EventConsumer,
  InMemoryProcessedEventStore,
  KafkaEventTransport,
  type MessagingTransport,
  type RetryPolicy,
} from '@ecogate/messaging';
import { openPostgresEventLog } from '@ecogate/persistence';
import { createObjectStorage, type ObjectStorage } from '@ecogate/storage';
import { type Logger } from '@ecogate/telemetry';
import { type SnapshotPipelineConfig } from '../config/plate-recognition.config';

/**
 * Recognition back-pressure: an overloaded or timed-out read is retried with back-off while the
 * partition waits (about a minute in all) before the snapshot is dead-lettered.
 */
export const SNAPSHOT_RETRY: RetryPolicy = { maxAttempts: 8, initialDelayMs: 500, maxDelayMs: 15_000 };

/** What the snapshot path holds: its bus, its object store, the reads' publisher and the consumer's Nest transport. */
export interface SnapshotPipeline {
  /** Kafka or the embedded bus, as the configuration chose (ADR 0008). */
  readonly transport: MessagingTransport;
  /** MinIO or the filesystem store, as the configuration chose. */
  readonly storage: ObjectStorage;
  /** Connected; publishes `anpr.plate.read.v1`. */
  readonly publisher: ConnectablePublisher;
  /** Snapshots larger than this are dead-lettered without being downloaded in full. */
  readonly maxImageBytes: number;
  /** The Nest microservice strategy of `SnapshotConsumer`: connect it to the app. */
  readonly server: KafkaEventTransport;
  /** The consumer underneath, once the microservice listens (tests await its `ready()`). */
  consumer(): EventConsumer;
  /** Disconnects the publisher and releases the bus; after the consumer stopped (the app's shutdown). */
  close(): Promise<void>;
}

/**
 * Opens the snapshot path on the configured bus and store. Its topics are created here (the
 * snapshots' topic is the producer's, created too so a first start does not wait for it; the
 * group's dead-letter and replay topics, since the consumer subscribes to `<group>.replay.v1`; and
 * the reads' topic). Duplicates are claimed in memory before handling, so an obviously redelivered
 * snapshot is skipped (after a restart it is read again and republishes the same event ids, which
 * consumers deduplicate).
 */
export async function openSnapshotPipeline(
  config: SnapshotPipelineConfig,
  logger: Logger,
  retry: RetryPolicy = SNAPSHOT_RETRY,
): Promise<SnapshotPipeline> {
  const storage = createObjectStorage(config.objectStorage);
  const transport = await createMessagingTransport(config.messaging, {
    logger: logger.child({ component: 'messaging' }),
    openEventLog: openPostgresEventLog,
  });
  try {
    const topics = [
      'camera.snapshot.captured.v1',
      'loading-area.snapshot.captured.v1',
      ...consumerGroupTopics(config.groupId),
      'anpr.plate.read.v1',
      'loading-area.vehicle.seen.v1',
    ];
    await transport.ensureTopics(topics.map((topic) => ({ name: transport.physicalTopic(topic) })));
    const publisher = transport.createPublisher();
    await publisher.connect();
    let consumer: EventConsumer | undefined;
    const server = new KafkaEventTransport(
      (consumerOptions) => {
        consumer = transport.createConsumer(consumerOptions);
        return consumer;
      },
      {
        groupId: config.groupId,
        retry,
        processedEvents: new InMemoryProcessedEventStore(),
        claimBeforeHandling: true,
      },
    );
    return {
      transport,
      storage,
      publisher,
      maxImageBytes: config.maxImageBytes,
      server,
      consumer: () => {
        if (!consumer) throw new Error('snapshot consumer not started');
        return consumer;
      },
      async close() {
        await publisher.disconnect();
        await transport.close();
      },
    };
  } catch (error) {
    await transport.close();
    throw error;
  }
}
