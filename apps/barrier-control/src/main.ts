import { readFileSync } from 'node:fs';
import { createLogger, startTelemetry } from '@ecogate/telemetry';
import { barrierControlConfig } from './config/barrier-control.config';
import { ConfigGateSettings } from './gate-settings/config-gate-settings';
import { startBarrierControl } from './start-barrier-control';
import { InMemoryVehicleRegistry } from './vehicles/in-memory-vehicle-registry';

async function bootstrap(): Promise<void> {
  const config = barrierControlConfig.load();
  const logger = createLogger({ service: 'barrier-control', level: config.observability.logLevel });
  const telemetry = config.observability.enabled
    ? await startTelemetry({
        serviceName: 'barrier-control',
        metrics: config.observability.metrics,
        ...(config.observability.otlpEndpoint ? { otlpEndpoint: config.observability.otlpEndpoint } : {}),
      })
    : undefined;
  const settings = new ConfigGateSettings(JSON.parse(readFileSync(config.gatesFile, 'utf8')), process.env);
  // Until the ledger's vehicle registry API exists, vehicles come from the same file.
  const vehicles = new InMemoryVehicleRegistry(settings.vehicles);
  const service = await startBarrierControl(config, { settings, vehicles }, logger);
  logger.info({ url: service.url }, 'barrier-control ready');
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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
