import { readFileSync } from 'node:fs';
import { serviceTokenFrom, verifierOptions } from '@ecogate/auth';
import { createDataSource, runMigrations } from '@ecogate/persistence';
import { CHECK_FLAG, createLogger, runCheck, runService } from '@ecogate/telemetry';
import { barrierControlDataSourceSettings } from './barrier-control.data-source';
import { barrierControlConfig, type BarrierControlConfig } from './config/barrier-control.config';
import { PostgresBarrierStore } from './durable/postgres-barrier-store';
import { ConfigGateSettings } from './gate-settings/config-gate-settings';
import { gatePorts } from './gate-settings/gate-ports';
import { startBarrierControl } from './start-barrier-control';

/** The deploy step: apply pending migrations and stop (the service never migrates at boot). */
async function migrate(config: BarrierControlConfig): Promise<void> {
  const logger = createLogger({ service: 'barrier-control', level: config.observability.logLevel });
  const dataSource = createDataSource(
    barrierControlDataSourceSettings(config.database.url.reveal(), { logger }),
  );
  await dataSource.initialize();
  await runMigrations(dataSource, { logger });
  await dataSource.destroy();
}

// `--check` (an image's smoke test): every module loads; this service has no native part.
if (process.argv.includes(CHECK_FLAG)) {
  void runCheck('barrier-control', []);
} else if (process.argv.includes('--migrate')) {
  migrate(barrierControlConfig.load()).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else {
  void runService('barrier-control', () => {
    const config = barrierControlConfig.load();
    const file = new ConfigGateSettings(JSON.parse(readFileSync(config.gatesFile, 'utf8')), process.env);
    return {
      observability: config.observability,
      start: async (logger) => {
        // Before any read: a lane whose barrier is outside the site's networks never gets a request.
        await file.refuseOutsideNetworks(config.deviceNetworks, logger.child({ component: 'gate-settings' }));
        // Only a service that calls the ledger needs its own key (a clear start failure without it).
        const token = config.ledger ? await serviceTokenFrom(config.auth, 'barrier-control') : undefined;
        const dataSource = createDataSource(
          barrierControlDataSourceSettings(config.database.url.reveal(), { logger }),
        );
        await dataSource.initialize();
        const service = await startBarrierControl(
          { ...config, verifier: verifierOptions(config.auth) },
          {
            ...gatePorts(config.ledger && token && { ...config.ledger, token }, file, logger),
            store: new PostgresBarrierStore(dataSource),
          },
          logger,
        );
        return {
          url: service.url,
          close: async () => {
            await service.close();
            await dataSource.destroy();
          },
        };
      },
    };
  });
}
