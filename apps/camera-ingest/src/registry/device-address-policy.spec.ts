import { DeviceNetworks } from '@ecogate/config';
import { HTTP_STATUS_OF, IngestException } from '../push/ingest.exception';
import { checkDeviceAddress } from './device-address-policy';

describe('device addresses on registration', () => {
  const plant = new DeviceNetworks(['192.168.10.0/24']);

  it('takes addresses inside the site networks, and devices without one', async () => {
    await expect(checkDeviceAddress('http://192.168.10.64/', plant)).resolves.toBeUndefined();
    await expect(checkDeviceAddress(null, plant)).resolves.toBeUndefined();
    await expect(checkDeviceAddress(undefined, plant)).resolves.toBeUndefined();
  });

  it.each([
    'http://192.168.11.64/',
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:2375/',
    'http://localhost:8080/',
  ])('refuses %s with 400 device-address-not-allowed', async (address) => {
    const refused = await checkDeviceAddress(address, plant).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(IngestException);
    expect(refused).toMatchObject({ code: 'device-address-not-allowed' });
    expect(HTTP_STATUS_OF[(refused as IngestException).code]).toBe(400);
  });

  it('allows loopback and private ranges by default, not public hosts', async () => {
    await expect(checkDeviceAddress('http://10.1.2.3/', DeviceNetworks.defaults)).resolves.toBeUndefined();
    await expect(checkDeviceAddress('http://8.8.8.8/', DeviceNetworks.defaults)).rejects.toMatchObject({
      code: 'device-address-not-allowed',
    });
  });
});
