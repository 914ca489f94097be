import {
  databaseEnv,
  defineConfig,
  httpEnv,
  kafkaConfig,
  kafkaEnv,
  observabilityConfig,
  observabilityEnv,
  positiveInt,
} from '@ecogate/config';

/** ledger's environment, validated once at boot. */
export const ledgerConfig = defineConfig(
  {
    ...databaseEnv,
    ...kafkaEnv,
    ...observabilityEnv,
    ...httpEnv,
    /** How often the outbox relay polls while the outbox is empty. */
    LEDGER_OUTBOX_POLL_MS: positiveInt(200),
  },
  (env) => ({
    database: { url: env.DATABASE_URL },
    kafka: kafkaConfig(env, 'ledger'),
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    observability: observabilityConfig(env),
    outbox: { pollIntervalMs: env.LEDGER_OUTBOX_POLL_MS },
  }),
);

export type LedgerConfig = ReturnType<typeof ledgerConfig.load>;
