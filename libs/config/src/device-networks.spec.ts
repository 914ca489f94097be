import { z } from 'zod';
import { DEFAULT_DEVICE_NETWORKS, DeviceNetworks, deviceNetworksEnv } from './device-networks';

describe('device networks', () => {
  const parse = (value?: string) => z.object(deviceNetworksEnv).parse({ DEVICE_ALLOWED_NETWORKS: value });

  it('allows loopback and the private ranges by default, nothing public or link-local', () => {
    const networks = parse().DEVICE_ALLOWED_NETWORKS;
    expect(networks.entries).toEqual(DEFAULT_DEVICE_NETWORKS);
    for (const ip of [
      '127.0.0.1',
      '127.0.0.2',
      '10.1.2.3',
      '172.20.0.9',
      '192.168.1.64',
      '::1',
      '::ffff:10.0.0.5',
    ])
      expect(networks.allows(ip)).toBe(true);
    for (const ip of [
      '8.8.8.8',
      '169.254.169.254',
      '172.32.0.1',
      '100.64.0.1',
      'fe80::1',
      'camera.local',
      '',
    ])
      expect(networks.allows(ip)).toBe(false);
  });

  it('takes a site list of IPs and CIDRs and refuses anything else', () => {
    const networks = parse(' 10.20.0.0/16 , 192.168.5.7 ').DEVICE_ALLOWED_NETWORKS;
    expect(networks.allows('10.20.99.1')).toBe(true);
    expect(networks.allows('192.168.5.7')).toBe(true);
    expect(networks.allows('192.168.5.8')).toBe(false);
    expect(networks.allows('127.0.0.1')).toBe(false);
    expect(() => parse('cameras.plant')).toThrow();
    expect(() => parse('10.0.0.0/33')).toThrow();
    expect(() => parse(' , ')).toThrow();
  });

  it('answers for addresses only, never names', () => {
    expect(new DeviceNetworks(['0.0.0.0/0']).allows('localhost')).toBe(false);
  });
});
