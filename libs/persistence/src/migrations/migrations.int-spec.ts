import { loadInfraEnv, releaseAll } from '@ecogate/testing';
import { Column, type DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createDataSource, dataSourceOptions } from '../data-source/create-data-source';
import { persistenceMigrations } from '../schema/persistence-schema';
import {
  createTemporaryDatabase,
  type TemporaryDatabase,
  withTemporaryDatabase,
} from '../testing/temporary-database';
import { checkMigrations } from './migration-check';
import { revertAllMigrations, revertMigrations, runMigrations } from './migration-runner';
import { findPendingSchemaChanges } from './schema-drift';

@Entity({ name: 'unmigrated_things' })
class UnmigratedThingEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'integer' })
  size!: number;
}

describe('migrations against the real Postgres', () => {
  const adminUrl = loadInfraEnv().DATABASE_URL;
  let database: TemporaryDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTemporaryDatabase(adminUrl, 'persistence_it');
    dataSource = createDataSource({
      url: database.url,
      entities: [],
      migrations: [],
      name: 'persistence-it',
      logging: false,
    });
    await dataSource.initialize();
  });

  afterAll(() =>
    releaseAll(
      () => dataSource?.destroy(),
      () => database?.drop(),
    ),
  );

  async function tableExists(name: string): Promise<boolean> {
    const [row]: { found: string | null }[] = await dataSource.query(
      `SELECT to_regclass($1)::text AS "found"`,
      [name],
    );
    return row?.found === name;
  }

  it('applies the lib migrations, matching the entities, and reverts them one by one', async () => {
    const logged: string[] = [];
    const logger = {
      debug: () => undefined,
      info: (_fields: object, message?: string) => logged.push(message ?? ''),
      warn: () => undefined,
      error: () => undefined,
    };

    const applied = await runMigrations(dataSource, { logger });
    expect(applied).toEqual(persistenceMigrations.map((m) => new m().name));
    expect(await tableExists('processed_events')).toBe(true);
    expect(await tableExists('outbox')).toBe(true);
    expect(await findPendingSchemaChanges(dataSource)).toEqual([]);
    expect(logged).toEqual(
      expect.arrayContaining(['2 pending migration(s)', 'migration applied', 'migrations done']),
    );
    expect(await runMigrations(dataSource)).toEqual([]);

    expect(await revertMigrations(dataSource, { logger })).toEqual(['CreateOutbox1795868998124']);
    expect(await tableExists('outbox')).toBe(false);
    expect(await tableExists('processed_events')).toBe(true);

    expect(await revertAllMigrations(dataSource)).toEqual(['CreateProcessedEvents1795868998123']);
    expect(await tableExists('processed_events')).toBe(false);
  });

  it('reports an entity that no migration creates', async () => {
    await withTemporaryDatabase(
      adminUrl,
      async (scratch) => {
        const withDrift = createDataSource({
          url: scratch.url,
          entities: [UnmigratedThingEntity],
          migrations: [],
          logging: false,
        });
        await withDrift.initialize();
        try {
          await runMigrations(withDrift);
          const missing = await findPendingSchemaChanges(withDrift);
          expect(missing.join('\n')).toMatch(/CREATE TABLE "unmigrated_things"/);
        } finally {
          await withDrift.destroy();
        }
      },
      'persistence_it',
    );
  });

  it('checks every registered data source and drops its temporary database', async () => {
    const registered = [
      { name: 'clean', options: (url: string) => dataSourceOptions({ url, entities: [], migrations: [] }) },
      {
        name: 'drifting',
        options: (url: string) =>
          dataSourceOptions({ url, entities: [UnmigratedThingEntity], migrations: [] }),
      },
    ];
    const results = await checkMigrations(adminUrl, registered);
    expect(results.map((r) => [r.name, r.missing.length > 0])).toEqual([
      ['clean', false],
      ['drifting', true],
    ]);
    const leftovers: unknown[] = await dataSource.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'migrations_check_%'`,
    );
    expect(leftovers).toEqual([]);
  });
});
