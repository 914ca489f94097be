import { verifierOptions } from '@ecogate/auth';
import { createDataSource, runMigrations } from '@ecogate/persistence';
import { CHECK_FLAG, createLogger, runCheck, runService } from '@ecogate/telemetry';
import { ledgerConfig, ledgerJobConfig, type LedgerJobConfig } from './config/ledger.config';
import { checkSheetThread } from './export/sheet-thread.check';
import { ledgerEntities, ledgerMigrations } from './ledger.data-source';
import { runLedgerMaintenance } from './retention/ledger-maintenance';
import { startLedgerService } from './start-ledger-service';

/**
 * One-off jobs: `--migrate` (the deploy step: apply pending migrations; the service never
 * migrates at boot) and `--retention` (partition maintenance and retention once, e.g. from cron).
 */
async function runJob(job: 'migrate' | 'retention', config: LedgerJobConfig): Promise<void> {
  const logger = createLogger({ service: 'ledger', level: config.observability.logLevel });
  const dataSource = createDataSource({
    url: config.database.url.reveal(),
    entities: ledgerEntities,
    migrations: ledgerMigrations,
    name: `ledger-${job}`,
    logger,
  });
  await dataSource.initialize();
  try {
    if (job === 'migrate') await runMigrations(dataSource, { logger });
    else await runLedgerMaintenance(dataSource, config.retention, logger.child({ component: 'retention' }));
  } finally {
    await dataSource.destroy();
  }
}

const job = process.argv.includes('--migrate')
  ? 'migrate'
  : process.argv.includes('--retention')
    ? 'retention'
    : undefined;
// `--check` (an image's smoke test): every module loads, and an export's sheet thread runs.
if (process.argv.includes(CHECK_FLAG)) {
  void runCheck('ledger', [], async () => [await checkSheetThread()]);
} else if (job) {
  runJob(job, ledgerJobConfig.load()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  void runService('ledger', () => {
    const config = ledgerConfig.load();
    return {
      observability: config.observability,
      start: (logger) => startLedgerService({ ...config, verifier: verifierOptions(config.auth) }, logger),
    };
  });
}
