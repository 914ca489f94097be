import { createLogger, startTelemetry } from '@ecogate/telemetry';
import { ledgerConfig } from './config/ledger.config';
import { startLedgerService } from './start-ledger-service';

async function bootstrap(): Promise<void> {
  const config = ledgerConfig.load();
  const logger = createLogger({ service: 'ledger', level: config.observability.logLevel });
  const telemetry = config.observability.enabled
    ? await startTelemetry({
        serviceName: 'ledger',
        metrics: config.observability.metrics,
        ...(config.observability.otlpEndpoint ? { otlpEndpoint: config.observability.otlpEndpoint } : {}),
      })
    : undefined;
  const service = await startLedgerService(config, logger);
  logger.info({ url: service.url }, 'ledger ready');
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    service
      .close()
      .then(() => telemetry?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

bootstrap().catch((error: unknown) => {
  // Config errors name each bad variable; print them plainly.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
