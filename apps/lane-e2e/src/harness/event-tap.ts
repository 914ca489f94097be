import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type TopicName } from '@ecogate/contracts';
import {
  createMessagingTransport,
  type EventConsumer,
  type MessagingSettings,
  type MessagingTransport,
} from '@ecogate/messaging';
import { openPostgresEventLog } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';

/** The topics the lane chain produces that tests and the bench watch. */
export const TAPPED = [
  'anpr.plate.read.v1',
  'gate.barrier.decided.v1',
  'gate.barrier.commanded.v1',
  'gate.violation.detected.v1',
  'ledger.passage.recorded.v1',
  'loading-area.vehicle.seen.v1',
  'loading-area.anomaly.detected.v1',
] as const satisfies readonly TopicName[];
export type TappedTopic = (typeof TAPPED)[number];

/**
 * Records every event of the chain's topics: a consumer group of its own, from the beginning, on the
 * transport of the chain's profile (Kafka, or the embedded Postgres log), built the way the
 * services build theirs.
 */
export class EventTap {
  private readonly seen = new Map<TappedTopic, EventEnvelope[]>();
  private transport?: MessagingTransport;
  private consumer?: EventConsumer;

  constructor(private readonly options: { readonly settings: MessagingSettings; readonly logger: Logger }) {}

  async start(): Promise<void> {
    const { settings, logger } = this.options;
    this.transport = await createMessagingTransport(settings, { logger, openEventLog: openPostgresEventLog });
    const record = async (event: EventEnvelope): Promise<void> => {
      const list = this.seen.get(event.type as TappedTopic) ?? [];
      list.push(event);
      this.seen.set(event.type as TappedTopic, list);
    };
    this.consumer = this.transport.createConsumer({
      groupId: `lane-e2e-tap-${randomUUID().slice(0, 8)}`,
      handlers: Object.fromEntries(TAPPED.map((topic) => [topic, record])),
      fromBeginning: true,
    });
    await this.transport.ensureTopics(this.consumer.topics().map((name) => ({ name })));
    await this.consumer.start();
    await this.consumer.ready();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    await this.transport?.close();
  }

  events<T extends TappedTopic>(topic: T): EventEnvelope<T>[] {
    return (this.seen.get(topic) ?? []) as EventEnvelope<T>[];
  }
}
