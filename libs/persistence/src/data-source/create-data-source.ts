import { DataSource, type LoggerOptions } from 'typeorm';
import { type PersistenceLogger, TypeormLogAdapter } from '../logging/persistence-logger';
import { persistenceEntities, persistenceMigrations } from '../schema/persistence-schema';

/** An entity or migration class (no globs: the list is explicit, so bundling cannot lose one). */
export type PersistenceClass = abstract new (...args: never[]) => object;

export interface DataSourceSettings {
  /** `postgres://user:pass@host:port/db`; keep it in config as a secret, never log it. */
  readonly url: string;
  readonly entities: readonly PersistenceClass[];
  readonly migrations: readonly PersistenceClass[];
  /** Shows in `pg_stat_activity.application_name`, so an operator sees which service holds a connection. */
  readonly name?: string;
  /** Where TypeORM's messages go; without it, errors and warnings go to the console. */
  readonly logger?: PersistenceLogger;
  readonly logging?: LoggerOptions;
  /** Connections per process; the default suits a service with a handful of concurrent handlers. */
  readonly poolSize?: number;
  readonly connectTimeoutMs?: number;
  /** Kills runaway statements instead of letting them hold locks and connections. */
  readonly statementTimeoutMs?: number;
  readonly slowQueryMs?: number;
}

/** The options behind `createDataSource`, also used by the migration check. */
export function dataSourceOptions(settings: DataSourceSettings) {
  return {
    type: 'postgres' as const,
    url: settings.url,
    applicationName: settings.name ?? 'ecogate',
    // The lib's own tables (processed events, outbox) belong to every app's schema.
    entities: dedupe([...persistenceEntities, ...settings.entities]),
    migrations: dedupe([...persistenceMigrations, ...settings.migrations]),
    // The schema changes only through reviewed migrations, run by the deploy step, never at boot.
    synchronize: false as const,
    migrationsRun: false as const,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each' as const,
    logging: settings.logging ?? (['error', 'warn', 'migration'] as LoggerOptions),
    ...(settings.logger ? { logger: new TypeormLogAdapter(settings.logger) } : {}),
    maxQueryExecutionTime: settings.slowQueryMs ?? 1_000,
    poolSize: settings.poolSize ?? 10,
    connectTimeoutMS: settings.connectTimeoutMs ?? 10_000,
    extra: {
      statement_timeout: settings.statementTimeoutMs ?? 30_000,
      // A handler that hangs inside a transaction must not hold row locks forever.
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}

export const MIGRATIONS_TABLE = 'typeorm_migrations';

/** A Postgres DataSource for one service; call `initialize()` at boot and `destroy()` on shutdown. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

function dedupe<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
