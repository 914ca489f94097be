import { DataSource, type DataSourceOptions } from 'typeorm';
import { type PersistenceLogger } from '../logging/persistence-logger';
import { createTemporaryDatabase } from '../testing/temporary-database';
import { revertAllMigrations, runMigrations } from './migration-runner';
import { findPendingSchemaChanges } from './schema-drift';

/** A data source whose migrations the check verifies: a name and its options for a given URL. */
export interface RegisteredDataSource {
  readonly name: string;
  readonly options: (url: string) => DataSourceOptions;
}

export interface MigrationCheckResult {
  readonly name: string;
  readonly applied: readonly string[];
  /** SQL for entity changes that no migration covers; empty when the migrations are complete. */
  readonly missing: readonly string[];
}

/**
 * For each data source, on a fresh database: apply every migration, compare the schema with
 * the entities, then revert everything and apply again (so every `down` runs and undoes its
 * `up` completely). Throws when a migration or a revert fails; drift is reported in the result.
 */
export async function checkMigrations(
  adminUrl: string,
  registered: readonly RegisteredDataSource[],
  logger?: PersistenceLogger,
): Promise<MigrationCheckResult[]> {
  const results: MigrationCheckResult[] = [];
  for (const entry of registered) {
    const database = await createTemporaryDatabase(adminUrl, 'migrations_check');
    const dataSource = new DataSource({ ...entry.options(database.url), logging: false });
    try {
      await dataSource.initialize();
      const options = logger ? { logger } : {};
      const applied = await runMigrations(dataSource, options);
      const missing = await findPendingSchemaChanges(dataSource);
      await revertAllMigrations(dataSource, options);
      await runMigrations(dataSource, options);
      results.push({ name: entry.name, applied, missing });
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }
  }
  return results;
}
