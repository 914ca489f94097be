import { type DataSource, MigrationExecutor } from 'typeorm';
import { PersistenceError } from '../errors/persistence-error';
import { type PersistenceLogger } from '../logging/persistence-logger';

export interface MigrationRunOptions {
  readonly logger?: PersistenceLogger;
}

/**
 * Applies every pending migration, each in its own transaction, logging what it does.
 * Resolves with the names applied. Run it from the deploy step (or a one-off job), not at boot.
 */
export async function runMigrations(
  dataSource: DataSource,
  options: MigrationRunOptions = {},
): Promise<string[]> {
  const { logger } = options;
  const pending = (await new MigrationExecutor(dataSource).getPendingMigrations()).map((m) => m.name);
  logger?.info({ database: databaseName(dataSource), pending }, `${pending.length} pending migration(s)`);
  if (pending.length === 0) return [];
  const started = Date.now();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) logger?.info({ migration: migration.name }, 'migration applied');
    logger?.info({ count: applied.length, durationMs: Date.now() - started }, 'migrations done');
    return applied.map((m) => m.name);
  } catch (error) {
    logger?.error(
      { err: error },
      'migration failed; the failed one was rolled back, earlier ones stay applied',
    );
    throw new PersistenceError('migration-failed', `Migration failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Reverts the last `steps` applied migrations (default 1), newest first; resolves with their names. */
export async function revertMigrations(
  dataSource: DataSource,
  options: MigrationRunOptions & { readonly steps?: number } = {},
): Promise<string[]> {
  const { logger, steps = 1 } = options;
  const reverted: string[] = [];
  for (let step = 0; step < steps; step += 1) {
    const before = await executedNames(dataSource);
    if (before.size === 0) break;
    try {
      await dataSource.undoLastMigration({ transaction: 'each' });
    } catch (error) {
      logger?.error({ err: error }, 'migration revert failed');
      throw new PersistenceError('migration-failed', `Revert failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const after = await executedNames(dataSource);
    const name = [...before].find((n) => !after.has(n));
    if (name === undefined) break;
    reverted.push(name);
    logger?.info({ migration: name }, 'migration reverted');
  }
  return reverted;
}

/** Reverts every applied migration; used by the migration check to prove each `down` works. */
export async function revertAllMigrations(
  dataSource: DataSource,
  options: MigrationRunOptions = {},
): Promise<string[]> {
  const applied = await executedNames(dataSource);
  return revertMigrations(dataSource, { ...options, steps: applied.size });
}

async function executedNames(dataSource: DataSource): Promise<Set<string>> {
  return new Set((await new MigrationExecutor(dataSource).getExecutedMigrations()).map((m) => m.name));
}

function databaseName(dataSource: DataSource): string | undefined {
  return typeof dataSource.driver.database === 'string' ? dataSource.driver.database : undefined;
}
