import { createLogger } from '@ecogate/telemetry';
import { simulatorConfig } from './config/simulator.config';
import { startPlatformSimulator } from '@ecogate/platform-simulator';

// Standalone: `npx tsx --tsconfig apps/platform-simulator/tsconfig.json apps/platform-simulator/src/main.ts`
// with SIM_APPS=appId:secret set. Stops cleanly on SIGINT/SIGTERM.
async function main(): Promise<void> {
  const options = simulatorConfig.load();
  const logger = createLogger({ service: 'platform-simulator', level: options.logLevel });
  const simulator = await startPlatformSimulator({ ...options, logger });
  logger.info(
    { httpUrl: simulator.httpUrl, adminUrl: simulator.adminUrl, tcpPort: simulator.tcpPort },
    'ready',
  );
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    simulator.close().then(
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

main().catch((error: unknown) => {
  // Config errors name each bad variable; print them plainly, before any logger exists.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
