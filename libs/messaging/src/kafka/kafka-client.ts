import { type Logger } from '@ecogate/telemetry';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export interface KafkaMessagingOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** Prepended to every physical topic name: isolates test runs, or several cities on one cluster. */
  readonly topicPrefix?: string;
  readonly logger: Logger;
}

const LEVELS: Record<logLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.NOTHING]: 'debug',
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go to our structured logger. */
export function createKafka(options: KafkaMessagingOptions): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    retry: { initialRetryTime: 200, retries: 10 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: { message, ...extra } }: LogEntry) =>
        log[LEVELS[level]]({ namespace, ...extra }, message),
  });
}

export const physicalTopic = (options: Pick<KafkaMessagingOptions, 'topicPrefix'>, topic: string): string =>
  `${options.topicPrefix ?? ''}${topic}`;
