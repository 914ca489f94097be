import { type DeviceNetworks } from '@ecogate/config';
import {
  assertDeviceNetwork,
  DeviceAddressRefused,
  type DeviceAddressRefusal,
  OnvifError,
} from '@ecogate/onvif';
import { meter } from '@ecogate/telemetry';
import { BarrierCommandError, type DriverName } from './barrier-driver';

/**
 * A barrier address outside `DEVICE_ALLOWED_NETWORKS` (at load or before a request), or a redirect
 * the device answered: nothing was sent there, and no login either.
 */
export class BarrierAddressRefused extends BarrierCommandError {
  constructor(
    readonly refusal: DeviceAddressRefusal,
    message: string,
  ) {
    super('refused', message);
    this.name = 'BarrierAddressRefused';
  }
}

/** When a refusal happened: checking the gates file at start, or before a request. */
export type RefusedWhen = 'load' | 'request';

/** Counts refused barrier addresses, so a misconfigured (or tampered) lane shows on dashboards. */
export interface BarrierAddressMetrics {
  refused(driver: DriverName, refusal: DeviceAddressRefusal, when: RefusedWhen): void;
}

const refusedTotal = meter('barrier-control').createCounter('barrier_device_address_refused_total', {
  description: 'Barrier addresses and redirects refused (driver, reason, when), nothing sent to them',
});

export const otelBarrierAddressMetrics: BarrierAddressMetrics = {
  refused: (driver, reason, when) => refusedTotal.add(1, { driver, reason, when }),
};

/**
 * Refuses a barrier URL whose host is outside `networks`; a name is resolved and every address must
 * be inside (libs/onvif's check, so camera-ingest and barrier-control share one policy). Called
 * before every request too: a DNS answer can change after the gates file was checked.
 */
export async function assertBarrierAddress(
  url: string,
  networks: DeviceNetworks,
  driver: DriverName,
  when: RefusedWhen = 'request',
  metrics: BarrierAddressMetrics = otelBarrierAddressMetrics,
): Promise<void> {
  try {
    await assertDeviceNetwork(new URL(url).hostname, networks, `${driver} barrier`);
  } catch (error) {
    // A name that does not resolve (now) is a device that cannot be reached, not a refusal.
    if (error instanceof OnvifError && error.code === 'unreachable')
      throw new BarrierCommandError('unreachable', error.message);
    throw asBarrierError(error, driver, when, metrics);
  }
}

/** A redirect is never followed: it could lead to another host, with the digest login. */
export function refuseRedirect(
  driver: DriverName,
  status: number,
  location: string | null,
  metrics: BarrierAddressMetrics = otelBarrierAddressMetrics,
): never {
  metrics.refused(driver, 'redirect', 'request');
  throw new BarrierAddressRefused(
    'redirect',
    `${driver} barrier: HTTP ${status} redirect to ${location ?? '(no location)'} not followed`,
  );
}

/** libs/onvif's refusal as the drivers' typed error, counted for barrier-control; other errors as they are. */
export function asBarrierError(
  error: unknown,
  driver: DriverName,
  when: RefusedWhen = 'request',
  metrics: BarrierAddressMetrics = otelBarrierAddressMetrics,
): unknown {
  if (error instanceof DeviceAddressRefused) {
    metrics.refused(driver, error.refusal, when);
    return new BarrierAddressRefused(error.refusal, error.message);
  }
  return error;
}
