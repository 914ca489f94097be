import {
  createDataSource,
  createTemporaryDatabase,
  openPostgresEventLog,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { randomUUID } from 'node:crypto';
import { creditCodeCheckCharacter } from '@ecogate/domain';
import { createMessagingTransport, type MessagingKind, type MessagingTransport } from '@ecogate/messaging';
import { createLogger, type Logger } from '@ecogate/telemetry';
import { loadInfraEnv, testProfile } from '@ecogate/testing';
import { AccountsService } from '../accounts/accounts.service';
import { AuditLog } from '../audit/audit-log';
import { EnterpriseDirectory } from '../enterprises';
import { gatewayEntities, gatewayMigrations } from '../gateway.data-source';
import {
  type GatewayService,
  type GatewayServiceConfig,
  type GatewayStartOptions,
  startGateway,
} from '../start-gateway';
import { Browser, gatewayTestConfig } from './gateway-test-kit';

export const STRONG = 'Strong-Passw0rd';
const silent = createLogger({
  service: 'gateway-it',
  level: (process.env['GATEWAY_TEST_LOG_LEVEL'] as 'silent' | undefined) ?? 'silent',
});

export interface TestGateway {
  readonly gateway: GatewayService;
  readonly database: TemporaryDatabase;
  /** The gateway's topics are `<topicPrefix><topic>`, on Kafka or the embedded event log. */
  readonly topicPrefix: string;
  /** The bus the gateway publishes on. */
  readonly messaging: GatewayServiceConfig['messaging'];
  /** A transport of the test's own on the gateway's bus (to read what it publishes); close it. */
  openBus(): Promise<MessagingTransport>;
  /** A city-admin that has changed its one-time password. */
  readonly admin: Browser;
  browser(): Browser;
  /** Registers an enterprise in the directory through its API, as the city-admin. */
  registerEnterprise(id: string, districtCode: string): Promise<void>;
  /** A user created by the admin, signed in, password changed to `STRONG`. */
  signedIn(user: {
    username: string;
    role: string;
    enterpriseId?: string;
    districts?: string[];
  }): Promise<Browser>;
  close(): Promise<void>;
}

/**
 * A migrated temporary database, a gateway on it and a signed-in bootstrap city-admin. `bus`
 * picks the profile of its messaging: Kafka (default) or the embedded event log, in a temporary
 * database of its own.
 */
export async function startTestGateway(
  settings: Omit<Parameters<typeof gatewayTestConfig>[0], 'databaseUrl' | 'topicPrefix' | 'messaging'> & {
    readonly bus?: MessagingKind;
  } = {},
  options: GatewayStartOptions = {},
  logger: Logger = silent,
): Promise<TestGateway> {
  const { bus = 'kafka', ...gatewaySettings } = settings;
  const topicPrefix = `gw-it-${randomUUID().slice(0, 8)}.`;
  // The embedded profile's bus (its object store goes unused); Kafka is `gatewayTestConfig`'s.
  const embedded =
    bus === 'embedded'
      ? await testProfile('embedded', {
          clientId: 'gateway-it',
          name: 'gateway-it',
          topicPrefix,
          createDatabase: createTemporaryDatabase,
        })
      : undefined;
  const messaging: GatewayServiceConfig['messaging'] | undefined = embedded?.messaging;
  const database = await createTemporaryDatabase(loadInfraEnv().DATABASE_URL, 'gateway_it');
  const migrator = createDataSource({
    url: database.url,
    entities: gatewayEntities,
    migrations: gatewayMigrations,
    logging: false,
  });
  await migrator.initialize();
  await runMigrations(migrator);
  // The bootstrap path of `main.ts --create-admin`.
  const bootstrap = new AccountsService(
    migrator,
    { maxFailures: 5, lockoutSeconds: 900, passwordMaxAgeDays: 90, totpRequiredRoles: [] },
    new EnterpriseDirectory(migrator),
    new AuditLog(migrator, logger),
  );
  const { oneTimePassword } = await bootstrap.create(
    { username: 'root-admin', displayName: 'Root', role: 'city-admin' },
    { name: 'cli', ip: 'local' },
  );
  await migrator.destroy();
  const config = gatewayTestConfig({
    databaseUrl: database.url,
    topicPrefix,
    ...gatewaySettings,
    ...(messaging ? { messaging } : {}),
  });
  const gateway = await startGateway(config, logger, options);
  const browser = () => new Browser(gateway.url);
  const firstLogin = async (b: Browser, username: string, password: string) => {
    const login = await b.call('POST', '/auth/login', { body: { username, password } });
    if (login.status !== 200)
      throw new Error(`login ${username}: ${login.status} ${JSON.stringify(login.body)}`);
    const change = await b.call('POST', '/auth/password', {
      body: { currentPassword: password, newPassword: STRONG },
    });
    if (change.status !== 204) throw new Error(`password change ${username}: ${change.status}`);
    return b;
  };
  const admin = await firstLogin(browser(), 'root-admin', oneTimePassword);
  admin.stayLoggedInAs = { username: 'root-admin', password: STRONG };
  return {
    gateway,
    database,
    topicPrefix,
    messaging: config.messaging,
    openBus: () => createMessagingTransport(config.messaging, { logger, openEventLog: openPostgresEventLog }),
    admin,
    browser,
    async registerEnterprise(id, districtCode) {
      const registered = await admin.call('POST', '/api/gateway/v1/enterprises', {
        body: {
          id,
          creditCode: creditCodeOf(districtCode),
          name: `${id} 有限公司`,
          industry: 'steel',
          districtCode,
          performanceClass: 'A',
          retention: { videoDays: 180, ledgerDays: 365 },
        },
      });
      if (registered.status !== 201)
        throw new Error(`register ${id}: ${registered.status} ${JSON.stringify(registered.body)}`);
    },
    async signedIn(user) {
      const created = await admin.call('POST', '/api/gateway/v1/users', {
        body: { displayName: user.username, ...user },
      });
      if (created.status !== 201)
        throw new Error(`create ${user.username}: ${created.status} ${JSON.stringify(created.body)}`);
      return firstLogin(browser(), user.username, created.body.oneTimePassword);
    },
    async close() {
      await gateway.close();
      await database.drop();
      await embedded?.release();
    },
  };
}

/** A fresh valid 统一社会信用代码 of this district (random organisation code, correct check character). */
function creditCodeOf(districtCode: string): string {
  const organisation = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('');
  const first17 = `91${districtCode}${organisation}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}
