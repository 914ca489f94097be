import { startStageLookupSimulator } from '@ecogate/stage-lookup-simulator';
import { createLogger } from '@ecogate/telemetry';
import { stageLookupSimulatorConfig } from './config/stage-lookup-simulator.config';

// Standalone: `npx nx run stage-lookup-simulator:serve` with STAGE_SIM_CLIENTS_FILE set.
// A test double of an outside system: logs, but no metrics endpoint of its own.
async function main(): Promise<void> {
  const { logLevel, ...options } = stageLookupSimulatorConfig.load();
  const logger = createLogger({ service: 'stage-lookup-simulator', level: logLevel });
  const simulator = await startStageLookupSimulator({ ...options, logger });
  logger.info({ url: simulator.url, records: options.records?.length ?? 0 }, 'ready');
  const stop = (): void => void simulator.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
