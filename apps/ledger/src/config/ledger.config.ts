import {
  databaseEnv,
  defineConfig,
  httpEnv,
  kafkaEnv,
  observabilityConfig,
  observabilityEnv,
  positiveInt,
} from '@ecogate/config';
import { z } from 'zod';

/** ledger's environment, validated once at boot. */
export const ledgerConfig = defineConfig(
  {
    ...databaseEnv,
    ...kafkaEnv,
    ...observabilityEnv,
    ...httpEnv,
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[\w.-]*$/)
      .default(''),
    /** How often the outbox relay polls while the outbox is empty. */
    LEDGER_OUTBOX_POLL_MS: positiveInt(200),
  },
  (env) => ({
    database: { url: env.DATABASE_URL },
    kafka: {
      brokers: env.KAFKA_BROKERS,
      clientId: env.KAFKA_CLIENT_ID ?? 'ledger',
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
    },
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    observability: observabilityConfig(env),
    outbox: { pollIntervalMs: env.LEDGER_OUTBOX_POLL_MS },
  }),
);

export type LedgerConfig = ReturnType<typeof ledgerConfig.load>;
