import { type EventConsumer, type MessagingTransport, type ProcessedEventStore } from '@ecogate/messaging';
import { type RecordPassageService } from '../record-passage/record-passage.service';

export const UPLOAD_CONSUMER_GROUP = 'provincial-upload';

/**
 * Takes `ledger.passage.recorded.v1` off the event bus (Kafka or the embedded log, whichever the
 * transport is) into the delivery queue (retries and dead letters from the lib).
 */
export function createPassageRecordedConsumer(
  transport: Pick<MessagingTransport, 'createConsumer'>,
  processedEvents: ProcessedEventStore,
  recordPassage: RecordPassageService,
): EventConsumer {
  return transport.createConsumer({
    groupId: UPLOAD_CONSUMER_GROUP,
    processedEvents,
    handlers: {
      'ledger.passage.recorded.v1': async (event, context) => {
        await recordPassage.execute(event, context);
      },
    },
  });
}
