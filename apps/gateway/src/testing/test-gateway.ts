import {
  createDataSource,
  createTemporaryDatabase,
  runMigrations,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger, type Logger } from '@ecogate/telemetry';
import { loadInfraEnv } from '@ecogate/testing';
import { AccountsService } from '../accounts/accounts.service';
import { AuditLog } from '../audit/audit-log';
import { ConfiguredEnterpriseDirectory } from '../directory.port';
import { gatewayEntities, gatewayMigrations } from '../gateway.data-source';
import { type GatewayService, type GatewayStartOptions, startGateway } from '../start-gateway';
import { Browser, gatewayTestConfig } from './gateway-test-kit';

export const STRONG = 'Strong-Passw0rd';
const silent = createLogger({ service: 'gateway-it', level: 'silent' });

export interface TestGateway {
  readonly gateway: GatewayService;
  readonly database: TemporaryDatabase;
  /** A city-admin that has changed its one-time password. */
  readonly admin: Browser;
  browser(): Browser;
  /** A user created by the admin, signed in, password changed to `STRONG`. */
  signedIn(user: {
    username: string;
    role: string;
    enterpriseId?: string;
    districts?: string[];
  }): Promise<Browser>;
  close(): Promise<void>;
}

/** A migrated temporary database, a gateway on it and a signed-in bootstrap city-admin. */
export async function startTestGateway(
  settings: Omit<Parameters<typeof gatewayTestConfig>[0], 'databaseUrl'> = {},
  options: GatewayStartOptions = {},
  logger: Logger = silent,
): Promise<TestGateway> {
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
    new ConfiguredEnterpriseDirectory(),
    new AuditLog(migrator, logger),
  );
  const { oneTimePassword } = await bootstrap.create(
    { username: 'root-admin', displayName: 'Root', role: 'city-admin' },
    { name: 'cli', ip: 'local' },
  );
  await migrator.destroy();
  const gateway = await startGateway(
    gatewayTestConfig({ databaseUrl: database.url, ...settings }),
    logger,
    options,
  );
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
    admin,
    browser,
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
    },
  };
}
