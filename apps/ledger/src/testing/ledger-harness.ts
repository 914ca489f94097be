import { randomUUID } from 'node:crypto';
import { TestIssuer } from '@ecogate/auth';
import {
  createDataSource,
  createTemporaryDatabase,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { kafkaClientOptions, loadInfraEnv, type TestProfile } from '@ecogate/testing';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import { type LedgerService, type LedgerServiceConfig, startLedgerService } from '../start-ledger-service';
import { serviceConfig, type TestCaller } from './ledger-test-kit';

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}
export type Api = (path: string, init?: RequestInit) => Promise<ApiAnswer>;

export interface LedgerHarness {
  readonly service: LedgerService;
  readonly database: TemporaryDatabase;
  readonly topicPrefix: string;
  /** Signs the tokens the service verifies (its JWKS on 127.0.0.1, barrier-control's and plate-recognition's service keys). */
  readonly issuer: TestIssuer;
  /** JSON over HTTP against `/api/v1` as a city-admin (reads everything, writes only city-admin routes). */
  readonly api: Api;
  /** The same, with a token for `caller`. */
  as(caller: TestCaller): Api;
  /** The same, with exactly these headers (no token unless given). */
  readonly anonymous: Api;
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

/** `fetch` against `baseUrl/api/v1`, with `authorization` (when given) added to the request's headers. */
export function apiClient(baseUrl: string, authorization?: () => Promise<string>): Api {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (authorization) headers.set('authorization', await authorization());
    const response = await fetch(`${baseUrl}/api/v1${path}`, { ...init, headers });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      headers: response.headers,
    };
  };
}

/** The whole service on a fresh database and a random topic prefix, for API-level int specs. */
export async function startLedgerHarness(
  overrides: Partial<LedgerServiceConfig> = {},
  /** Another profile's adapters (a `testProfile` of `@ecogate/testing`); Kafka and MinIO by default. */
  profile?: Pick<TestProfile, 'messaging' | 'objectStorage' | 'topicPrefix'>,
): Promise<LedgerHarness> {
  const infra = loadInfraEnv();
  const issuer = await TestIssuer.start(['barrier-control', 'plate-recognition']);
  const database = await migratedDatabase(infra.DATABASE_URL, 'ledger_it');
  const topicPrefix = profile?.topicPrefix ?? `it-${randomUUID().slice(0, 8)}.`;
  const service = await startLedgerService(
    {
      ...serviceConfig({
        databaseUrl: database.url,
        ...kafkaClientOptions(infra),
        topicPrefix,
        verifier: issuer.verifierOptions,
        ...(profile ? { profile } : {}),
      }),
      ...overrides,
    },
    createLogger({ service: 'ledger-it', level: 'silent' }),
  );
  const as = (caller: TestCaller): Api => apiClient(service.url, () => issuer.bearer(caller));
  return {
    service,
    database,
    topicPrefix,
    issuer,
    api: as({ role: 'city-admin', subject: 'city-admin-1' }),
    as,
    anonymous: apiClient(service.url),
    async close() {
      await service.close().catch(() => undefined);
      await database.drop();
      await issuer.close();
    },
  };
}
