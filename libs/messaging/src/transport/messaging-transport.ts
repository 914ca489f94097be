import { type Logger } from '@ecogate/telemetry';
import {
  type DeadLetterEntry,
  type DeadLetterReplay,
  type ReplayRequest,
  type ReplayResult,
} from '../dead-letter-replay';
import { type EventLog } from '../embedded/event-log';
import { type EventPublisher } from '../event-publisher';
import { type KafkaMessagingOptions, type RevealableSecret } from '../kafka/kafka-client';
import { type ConsumerHealth, type KafkaEventConsumerOptions } from '../kafka/kafka-event-consumer';
import { type TopicSpec } from '../kafka/topic-admin';

/** A consumer of either transport: what start functions, health pages and tests use. */
export interface EventConsumer {
  /** Physical topics it reads and writes; pass them to `ensureTopics` before `start`. */
  topics(): string[];
  start(): Promise<void>;
  /** Resolves once messages published from now on will be seen. */
  ready(): Promise<void>;
  stop(): Promise<void>;
  health(): ConsumerHealth;
}

export interface ConnectablePublisher extends EventPublisher {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

/** A consumer group's dead letters: listed and replayed the same way on both transports. */
export interface DeadLetterView {
  readonly consumerGroup: string;
  topics(): string[];
  replayTopic(): string;
  list(): Promise<DeadLetterEntry[]>;
  replay(
    request: ReplayRequest,
    audit?: (replays: readonly DeadLetterReplay[]) => Promise<void>,
  ): Promise<ReplayResult>;
}

/**
 * The messaging a service composes, whatever carries it (ADR 0008): Kafka in the cluster profile,
 * the durable embedded bus on one machine. Same calls, same guarantees, chosen by configuration.
 */
export interface MessagingTransport {
  readonly kind: MessagingKind;
  /** The physical name of a logical topic or group (the topic prefix applied). */
  physicalTopic(topic: string): string;
  /** Creates missing topics; names are physical, like `consumer.topics()`. */
  ensureTopics(specs: readonly TopicSpec[]): Promise<void>;
  createPublisher(): ConnectablePublisher;
  createConsumer(options: KafkaEventConsumerOptions): EventConsumer;
  deadLetters(consumerGroup: string): DeadLetterView;
  /** Releases what the transport holds (the embedded log's connections, its retention timer). */
  close(): Promise<void>;
}

export type MessagingKind = 'kafka' | 'embedded';

/** Kafka's settings, as `kafkaConfig` of `@ecogate/config` maps them. */
export interface KafkaTransportSettings {
  readonly kind: 'kafka';
  readonly kafka: Omit<KafkaMessagingOptions, 'logger'>;
}

/** The embedded bus's settings, as `messagingConfig` of `@ecogate/config` maps them. */
export interface EmbeddedTransportSettings {
  readonly kind: 'embedded';
  /** The Postgres database that holds the log, shared by every service of the machine. */
  readonly eventLogUrl: RevealableSecret;
  readonly topicPrefix?: string;
  readonly pollIntervalMs?: number;
  /** Records older than this are deleted (Kafka's `retention.ms`; default 7 days). */
  readonly retentionHours?: number;
}

export type MessagingSettings = KafkaTransportSettings | EmbeddedTransportSettings;

/** An opened event log; `close` releases its connections. */
export interface EventLogHandle extends EventLog {
  close(): Promise<void>;
}

export interface MessagingDependencies {
  readonly logger: Logger;
  /**
   * Opens the embedded profile's log store: `openPostgresEventLog` of `@ecogate/persistence`
   * (this lib does not reach Postgres itself). Only called for `kind: 'embedded'`.
   */
  readonly openEventLog: (url: string, logger: Logger) => Promise<EventLogHandle>;
}
