import { readFileSync } from 'node:fs';
import { type Logger } from '@ecogate/telemetry';
import { Kafka, type KafkaConfig, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';

/** A value that prints as a placeholder and gives itself up only through `reveal()` (`Secret` of `@ecogate/config`). */
export interface RevealableSecret {
  reveal(): string;
}

/**
 * How the client reaches the brokers (ADR 0006). Both absent: plaintext without authentication,
 * for a city whose Kafka terminates TLS elsewhere; the local infra and CI use SASL_SSL.
 */
export interface KafkaSecurityOptions {
  /** TLS; `caFile` (PEM) is the CA the brokers' certificates chain to, else the system CAs. */
  readonly tls?: { readonly caFile?: string };
  /** SASL/SCRAM authentication as the service's own principal. */
  readonly sasl?: {
    readonly mechanism: 'scram-sha-512' | 'scram-sha-256';
    readonly username: string;
    readonly password: RevealableSecret;
  };
}

export interface KafkaMessagingOptions extends KafkaSecurityOptions {
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
    ...kafkaSecurity(options),
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

/** The `ssl` and `sasl` settings of kafkajs for {@link KafkaSecurityOptions}. */
export function kafkaSecurity(options: KafkaSecurityOptions): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { tls, sasl } = options;
  return {
    ...(tls ? { ssl: tls.caFile ? { ca: [readFileSync(tls.caFile, 'utf8')] } : true } : {}),
    ...(sasl ? { sasl: scram(sasl.mechanism, sasl.username, sasl.password.reveal()) } : {}),
  };
}

const scram = (
  mechanism: 'scram-sha-512' | 'scram-sha-256',
  username: string,
  password: string,
): SASLOptions =>
  mechanism === 'scram-sha-512'
    ? { mechanism: 'scram-sha-512', username, password }
    : { mechanism: 'scram-sha-256', username, password };
