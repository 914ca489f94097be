import { DeviceNetworks } from '@ecogate/config';
import { type DahuaStreamSettings } from '../dahua-stream-settings';

/** The simulated camera's login in the unit specs. */
export const TEST_ACCOUNT = { username: 'admin', password: 'Dahua-Unit-1' };

/** Short delays, so reconnects and registry refreshes happen within a unit spec. */
export const TEST_SETTINGS: DahuaStreamSettings = {
  enabled: true,
  // Watchdog 2.5 s: no test but the watchdog's own sees it fire on a loaded machine.
  heartbeatSeconds: 1,
  connectTimeoutMs: 1_000,
  reconnectMinMs: 20,
  reconnectMaxMs: 80,
  offlineAfterFailures: 3,
  eventSettleMs: 100,
  deviceRefreshMs: 30,
  networks: DeviceNetworks.defaults,
};
