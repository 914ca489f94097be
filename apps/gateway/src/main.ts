// First: the native parts, before any other module loads them (a missing one ends the start here, named).
import { GATEWAY_NATIVE_PARTS } from './native-parts';
import { createDataSource, runMigrations } from '@ecogate/persistence';
import { CHECK_FLAG, createLogger, runCheck, runService } from '@ecogate/telemetry';
import { AccountsService } from './accounts/accounts.service';
import { AuditLog, purgeAudit } from './audit/audit-log';
import { gatewayConfig, gatewayJobConfig } from './config/gateway.config';
import { EnterpriseDirectory } from './enterprises';
import { gatewayEntities, gatewayMigrations } from './gateway.data-source';
import { startGateway } from './start-gateway';

/**
 * `--check`: the native parts, then exit (an image's smoke test).
 * One-off jobs: `--migrate` (deploy step), `--create-admin <username>` (the first city-admin,
 * with a one-time password printed once that must be changed at first login: there are no default
 * accounts) and `--purge-audit` (audit records past retention, e.g. from cron).
 */
async function runJob(
  job: 'migrate' | 'create-admin' | 'purge-audit',
  argument: string | undefined,
): Promise<void> {
  const config = gatewayJobConfig.load();
  const logger = createLogger({ service: 'gateway', level: config.observability.logLevel });
  const dataSource = createDataSource({
    url: config.database.url.reveal(),
    entities: gatewayEntities,
    migrations: gatewayMigrations,
    name: `gateway-${job}`,
    logger,
  });
  await dataSource.initialize();
  try {
    if (job === 'migrate') await runMigrations(dataSource, { logger });
    else if (job === 'purge-audit')
      logger.info({ deleted: await purgeAudit(dataSource, config.auditRetentionDays) }, 'audit purged');
    else {
      if (!argument) throw new Error('usage: main.ts --create-admin <username>');
      const accounts = new AccountsService(
        dataSource,
        { maxFailures: 5, lockoutSeconds: 900, passwordMaxAgeDays: 90, totpRequiredRoles: [] },
        new EnterpriseDirectory(dataSource),
        new AuditLog(dataSource, logger),
      );
      const { oneTimePassword } = await accounts.create(
        { username: argument, displayName: argument, role: 'city-admin' },
        { name: 'cli', ip: 'local' },
      );
      // stdout only, never the log: the operator hands it over and it must be changed at first login.
      process.stdout.write(`city-admin ${argument} created; one-time password: ${oneTimePassword}\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}

const argv = process.argv;
const job = argv.includes('--migrate')
  ? 'migrate'
  : argv.includes('--create-admin')
    ? 'create-admin'
    : argv.includes('--purge-audit')
      ? 'purge-audit'
      : undefined;
if (argv.includes(CHECK_FLAG)) {
  void runCheck('gateway', GATEWAY_NATIVE_PARTS);
} else if (job) {
  runJob(job, argv[argv.indexOf('--create-admin') + 1]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  void runService('gateway', () => {
    const config = gatewayConfig.load();
    return { observability: config.observability, start: (logger) => startGateway(config, logger) };
  });
}
