import { type DeviceNetworks } from '@ecogate/config';
import { DiscoveryRefused, discoveryHosts } from '@ecogate/onvif';
import { IngestException } from '../push/ingest.exception';

/**
 * A site's discovery networks must lie inside `DEVICE_ALLOWED_NETWORKS`, host by host, like every
 * device address (a sweep is traffic to each of them). Shape and size are the DTO's business.
 */
export function checkDiscoveryNetworks(networks: readonly string[], allowed: DeviceNetworks): void {
  try {
    discoveryHosts(networks, { allowed });
  } catch (error) {
    if (!(error instanceof DiscoveryRefused)) throw error;
    throw new IngestException(
      error.refusal === 'network-not-allowed' ? 'device-address-not-allowed' : 'invalid-request',
      `discoveryNetworks: ${error.message}`,
    );
  }
}
