import { randomUUID } from 'node:crypto';
import {
  createDataSource,
  createTemporaryDatabase,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { kafkaClientOptions, loadInfraEnv } from '@ecogate/testing';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import { type LedgerService, type LedgerServiceConfig, startLedgerService } from '../start-ledger-service';
import { serviceConfig } from './ledger-test-kit';

export interface LedgerHarness {
  readonly service: LedgerService;
  readonly database: TemporaryDatabase;
  readonly topicPrefix: string;
  /** JSON over HTTP against `/api/v1`; `body` is whatever the API answered. */
  api(path: string, init?: RequestInit): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** A temporary database with the ledger's migrations (or the first few of them) applied. */
export async function migratedDatabase(
  adminUrl: string,
  prefix: string,
  migrations: readonly (typeof ledgerMigrations)[number][] = ledgerMigrations,
): Promise<TemporaryDatabase> {
  const database = await createTemporaryDatabase(adminUrl, prefix);
  const migrator = createDataSource({
    url: database.url,
    entities: ledgerEntities,
    migrations,
    logging: false,
  });
  await migrator.initialize();
  await runMigrations(migrator);
  await migrator.destroy();
  return database;
}

/** The whole service on a fresh database and a random topic prefix, for API-level int specs. */
export async function startLedgerHarness(
  overrides: Partial<LedgerServiceConfig> = {},
): Promise<LedgerHarness> {
  const infra = loadInfraEnv();
  const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_it');
  const topicPrefix = `it-${randomUUID().slice(0, 8)}.`;
  const service = await startLedgerService(
    {
      ...serviceConfig({ databaseUrl: database.url, ...kafkaClientOptions(infra), topicPrefix }),
      ...overrides,
    },
    createLogger({ service: 'ledger-it', level: 'silent' }),
  );
  return {
    service,
    database,
    topicPrefix,
    api: async (path, init) => {
      const response = await fetch(`${service.url}/api/v1${path}`, init);
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      await service.close().catch(() => undefined);
      await database.drop();
    },
  };
}
