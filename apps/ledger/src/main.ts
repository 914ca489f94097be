import { serviceTokenFrom, verifierOptions } from '@ecogate/auth';
import { VideoArchiveClient } from './video-archive/video-archive.client';
import { PlateRecognitionDocumentReader } from './document-reads/document-reader.client';
import { createDataSource, runMigrations } from '@ecogate/persistence';
import { CHECK_FLAG, createLogger, runCheck, runService } from '@ecogate/telemetry';
import { ledgerConfig, ledgerJobConfig, type LedgerJobConfig } from './config/ledger.config';
import { checkSheetThread } from './export/sheet-thread.check';
import { ledgerEntities, ledgerMigrations } from './ledger.data-source';
import { runLedgerMaintenance } from './retention/ledger-maintenance';
import { startLedgerService } from './start-ledger-service';
import { signChainRoots } from './chain/chain-roots';
import { verifyChain } from './chain/verify-chain';
import { verificationOutcome } from './chain/chain-verification.service';
import { verifyChainArguments } from './chain/verify-chain-arguments';
import { verifyPackCommand } from './evidence-pack/verify-pack-command';

/**
 * One-off jobs: `--migrate` (the deploy step: apply pending migrations; the service never
 * migrates at boot), `--retention` (partition maintenance and retention once, e.g. from cron),
 * `--chain-roots` (sign the hash chain's roots of closed days once) and
 * `--verify-chain <enterpriseId> [from] [to]` (prints the verification; exit 2 when tampered).
 * `--verify-pack <pack.zip> [--public-key <pem>]` needs nothing but the file: an inspection's
 * evidence pack verified offline (exit 0 verified, 1 not).
 */
async function runJob(job: LedgerJob, config: LedgerJobConfig): Promise<void> {
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
    else if (job === 'retention')
      await runLedgerMaintenance(dataSource, config.retention, logger.child({ component: 'retention' }));
    else if (job === 'chain-roots') {
      if (!config.chain.signer)
        throw new Error('LEDGER_CHAIN_SIGNING_KEY_FILE is needed to sign chain roots');
      const roots = await signChainRoots(dataSource, config.chain.signer);
      logger.info({ roots: roots.length }, 'ledger chain roots signed');
    } else {
      const request = verifyChainArguments(process.argv);
      const verification = await verifyChain(
        dataSource.manager,
        config.chain.signer,
        { retentionFloorDays: config.retention.floors.ledgerDays },
        request,
      );
      // The API audits each verification; the CLI has no caller, so its structured log line is the record.
      logger.info(verificationOutcome(request, verification), 'ledger chain verified');
      console.log(JSON.stringify(verification, null, 2));
      if (!verification.ok) process.exitCode = 2;
    }
  } finally {
    await dataSource.destroy();
  }
}

type LedgerJob = 'migrate' | 'retention' | 'chain-roots' | 'verify-chain';
const JOBS: readonly LedgerJob[] = ['migrate', 'retention', 'chain-roots', 'verify-chain'];
const job = JOBS.find((name) => process.argv.includes(`--${name}`));
// `--check` (an image's smoke test): every module loads, and an export's sheet thread runs.
if (process.argv.includes('--verify-pack')) {
  try {
    process.exitCode = verifyPackCommand(process.argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
} else if (process.argv.includes(CHECK_FLAG)) {
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
      start: async (logger) => {
        // The configured address becomes the client the service takes (never the address itself).
        const { videoArchive: archive, documentReads: reads, ...rest } = config;
        const videoArchive = archive
          ? new VideoArchiveClient({
              baseUrl: archive.url,
              timeoutMs: archive.timeoutMs,
              token: await serviceTokenFrom(config.auth, 'ledger'),
            })
          : undefined;
        const documentReader = reads
          ? new PlateRecognitionDocumentReader({
              baseUrl: reads.plateRecognitionUrl,
              timeoutMs: reads.timeoutMs,
              token: await serviceTokenFrom(config.auth, 'ledger'),
            })
          : undefined;
        return startLedgerService(
          {
            ...rest,
            verifier: verifierOptions(config.auth),
            ...(videoArchive ? { videoArchive } : {}),
            ...(documentReader ? { documentReader } : {}),
          },
          logger,
        );
      },
    };
  });
}
