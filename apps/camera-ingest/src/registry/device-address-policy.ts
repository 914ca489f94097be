import { type DeviceNetworks } from '@ecogate/config';
import { assertDeviceNetwork, OnvifError } from '@ecogate/onvif';
import { IngestException } from '../push/ingest.exception';

export const DEVICE_NETWORKS = Symbol('DEVICE_NETWORKS');

/**
 * A device is registered only with an address inside the site's networks (`DEVICE_ALLOWED_NETWORKS`),
 * so the registry cannot be used to make camera-ingest call arbitrary hosts (SSRF). A name must
 * resolve, to addresses that are all inside. Connections check again (DNS can change).
 */
export async function checkDeviceAddress(
  address: string | null | undefined,
  networks: DeviceNetworks,
): Promise<void> {
  if (address === null || address === undefined) return;
  try {
    await assertDeviceNetwork(new URL(address).hostname, networks, 'device address');
  } catch (error) {
    if (error instanceof OnvifError) throw new IngestException('device-address-not-allowed', error.message);
    throw error;
  }
}
