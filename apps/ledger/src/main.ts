import { runService } from '@ecogate/telemetry';
import { ledgerConfig } from './config/ledger.config';
import { startLedgerService } from './start-ledger-service';

void runService('ledger', () => {
  const config = ledgerConfig.load();
  return { observability: config.observability, start: (logger) => startLedgerService(config, logger) };
});
