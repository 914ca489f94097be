import { type DataSource } from '@ecogate/persistence';
import { type Logger } from '@ecogate/telemetry';
import { type RetentionConfig } from '../config/ledger.config';
import { ensureUpcomingPartitions } from '../partitions/passage-partitions';
import { PassageRetention, type RetentionReport } from './passage-retention';

export interface MaintenanceReport {
  readonly createdPartitions: readonly string[];
  readonly retention: RetentionReport;
}

/** One pass: create the coming months' partitions, then drop the ones past retention. */
export async function runLedgerMaintenance(
  dataSource: DataSource,
  config: RetentionConfig,
  log: Logger,
  now: Date = new Date(),
): Promise<MaintenanceReport> {
  const createdPartitions = await ensureUpcomingPartitions(dataSource.manager, now, config.partitionsAhead);
  if (createdPartitions.length > 0) log.info({ createdPartitions }, 'passage partitions created');
  const retention = await new PassageRetention(dataSource, config, log).run(now);
  return { createdPartitions, retention };
}

/** Runs maintenance every `maintenanceIntervalMs` (never two at once); a failure is logged and retried next time. */
export function scheduleLedgerMaintenance(
  dataSource: DataSource,
  config: RetentionConfig,
  log: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer =
    config.maintenanceIntervalMs > 0
      ? setInterval(() => {
          if (busy) return;
          busy = true;
          running = runLedgerMaintenance(dataSource, config, log)
            .catch((error: unknown) => log.error({ err: error }, 'ledger maintenance failed'))
            .finally(() => (busy = false));
        }, config.maintenanceIntervalMs)
      : undefined;
  timer?.unref();
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
