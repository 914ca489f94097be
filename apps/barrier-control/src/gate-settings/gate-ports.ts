import { type ServiceToken } from '@ecogate/auth';
import { type Logger } from '@ecogate/telemetry';
import { type BarrierControlConfig } from '../config/barrier-control.config';
import { LedgerHttpClient } from '../ledger/ledger-http.client';
import { type LedgerLookupMetrics, otelLedgerLookupMetrics } from '../ledger/ledger-lookup.metrics';
import { InMemoryVehicleRegistry } from '../vehicles/in-memory-vehicle-registry';
import { LedgerVehicleRegistry } from '../vehicles/ledger-vehicle-registry.adapter';
import { type VehicleRegistry } from '../vehicles/vehicle-registry.port';
import { type ConfigGateSettings } from './config-gate-settings';
import { type GateSettings } from './gate-settings.port';
import { LedgerGateSettings } from './ledger-gate-settings.adapter';

export interface GatePorts {
  readonly settings: GateSettings;
  readonly vehicles: VehicleRegistry;
}

/** The ledger's settings and barrier-control's own token for calling it. */
export type LedgerAccess = NonNullable<BarrierControlConfig['ledger']> & {
  readonly token: Pick<ServiceToken, 'header'>;
};

/**
 * Chooses where vehicles, alert levels and plans come from by configuration: the ledger when
 * `LEDGER_URL` is set, else the gates file. Lanes always come from the file.
 */
export function gatePorts(
  ledger: LedgerAccess | undefined,
  file: ConfigGateSettings,
  logger: Logger,
  metrics: LedgerLookupMetrics = otelLedgerLookupMetrics,
): GatePorts {
  if (!ledger) return { settings: file, vehicles: new InMemoryVehicleRegistry(file.vehicles) };
  const log = logger.child({ component: 'ledger-client' });
  const client = new LedgerHttpClient(ledger.url, ledger.timeoutMs, ledger.token, log);
  return {
    settings: new LedgerGateSettings(file, client, ledger.settingsTtlMs, metrics, log),
    vehicles: new LedgerVehicleRegistry(
      client,
      { ttlMs: ledger.vehicleTtlMs, maxEntries: ledger.vehicleCacheSize },
      metrics,
      log,
    ),
  };
}
