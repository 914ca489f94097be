import { startPlatformSimulator } from '@ecogate/platform-simulator';
import { createLogger } from '@ecogate/telemetry';
import { simulatorConfig } from './config/simulator.config';

// Standalone: `npx nx run platform-simulator:serve` with SIM_APPS=appId:secret set.
// A test double of an outside system: logs, but no metrics endpoint of its own.
async function main(): Promise<void> {
  const options = simulatorConfig.load();
  const logger = createLogger({ service: 'platform-simulator', level: options.logLevel });
  const simulator = await startPlatformSimulator({ ...options, logger });
  logger.info(
    { httpUrl: simulator.httpUrl, adminUrl: simulator.adminUrl, tcpPort: simulator.tcpPort },
    'ready',
  );
  const stop = (): void => void simulator.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
