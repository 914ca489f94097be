import {
  type createKafka,
  KafkaEventConsumer,
  type KafkaMessagingOptions,
  type ProcessedEventStore,
} from '@ecogate/messaging';
import { type RecordPassageService } from '../record-passage/record-passage.service';

type Kafka = ReturnType<typeof createKafka>;

export const UPLOAD_CONSUMER_GROUP = 'provincial-upload';

/** Takes `ledger.passage.recorded.v1` off Kafka into the delivery queue (retries and dead letters from the lib). */
export function createPassageRecordedConsumer(
  kafka: Kafka,
  messaging: Pick<KafkaMessagingOptions, 'topicPrefix' | 'logger'>,
  processedEvents: ProcessedEventStore,
  recordPassage: RecordPassageService,
): KafkaEventConsumer {
  return new KafkaEventConsumer(kafka, messaging, {
    groupId: UPLOAD_CONSUMER_GROUP,
    processedEvents,
    handlers: {
      'ledger.passage.recorded.v1': async (event, context) => {
        await recordPassage.execute(event, context);
      },
    },
  });
}
