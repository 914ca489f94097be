import { readFileSync } from 'node:fs';
import { runService } from '@ecogate/telemetry';
import { barrierControlConfig } from './config/barrier-control.config';
import { ConfigGateSettings } from './gate-settings/config-gate-settings';
import { startBarrierControl } from './start-barrier-control';
import { InMemoryVehicleRegistry } from './vehicles/in-memory-vehicle-registry';

void runService('barrier-control', () => {
  const config = barrierControlConfig.load();
  const settings = new ConfigGateSettings(JSON.parse(readFileSync(config.gatesFile, 'utf8')), process.env);
  // Until the ledger's vehicle registry API exists, vehicles come from the same file.
  const vehicles = new InMemoryVehicleRegistry(settings.vehicles);
  return {
    observability: config.observability,
    start: (logger) => startBarrierControl(config, { settings, vehicles }, logger),
  };
});
