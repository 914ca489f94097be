import { readFileSync } from 'node:fs';
import { runService } from '@ecogate/telemetry';
import { barrierControlConfig } from './config/barrier-control.config';
import { ConfigGateSettings } from './gate-settings/config-gate-settings';
import { gatePorts } from './gate-settings/gate-ports';
import { startBarrierControl } from './start-barrier-control';

void runService('barrier-control', () => {
  const config = barrierControlConfig.load();
  const file = new ConfigGateSettings(JSON.parse(readFileSync(config.gatesFile, 'utf8')), process.env);
  return {
    observability: config.observability,
    start: (logger) => startBarrierControl(config, gatePorts(config.ledger, file, logger), logger),
  };
});
