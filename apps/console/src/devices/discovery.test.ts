import { type Device } from './device-rows';
import {
  type DiscoveredDevice,
  discoveryHostCount,
  discoveryRows,
  type DiscoveryResult,
  draftFrom,
  networksProblem,
  registrationAddress,
} from './discovery';

const found = (endpoint: string, extra: Partial<DiscoveredDevice> = {}): DiscoveredDevice => ({
  endpoint,
  xaddrs: ['http://10.0.0.5/onvif/device_service'],
  types: ['dn:NetworkVideoTransmitter'],
  scopes: [],
  name: null,
  hardware: null,
  locations: [],
  metadataVersion: 1,
  respondedFrom: '10.0.0.5',
  alreadyRegistered: false,
  registeredAs: [],
  ...extra,
});

const registered = (id: string, address: string | null): Device => ({
  id,
  laneId: 'l1',
  siteId: 's1',
  kind: 'overview-camera',
  vendor: 'onvif',
  name: `相机 ${id}`,
  address,
  allowedSources: [],
  hasCredentials: true,
  enabled: true,
  eventSource: 'push',
});

describe('discovery networks hint (before the service decides)', () => {
  it('takes IPv4 blocks without host bits, and bare addresses', () => {
    expect(networksProblem([])).toBeNull();
    expect(networksProblem(['10.0.0.0/24', '192.168.1.64/26', '172.16.0.9'])).toBeNull();
    expect(networksProblem(['10.0.0.0/22'])).toBeNull();
  });

  it('names what is not an IPv4 network', () => {
    for (const entry of [
      '10.0.0/24',
      '10.0.0.256/32',
      '010.0.0.0/24',
      '10.0.0.0/33',
      'fd00::/64',
      'cams',
      '10.0.0.0/',
    ])
      expect(networksProblem(['10.1.0.0/24', entry])).toEqual({ kind: 'invalid', entry });
  });

  it('names the network of an entry with host bits set', () => {
    expect(networksProblem(['10.0.0.5/24'])).toEqual({
      kind: 'host-bits',
      entry: '10.0.0.5/24',
      network: '10.0.0.0/24',
    });
  });

  it('finds a network listed twice, also when written differently', () => {
    expect(networksProblem(['10.0.0.7', '10.0.0.7/32'])).toEqual({ kind: 'duplicate', entry: '10.0.0.7/32' });
  });

  it('refuses more than 16 networks or 1024 probed addresses', () => {
    const seventeen = Array.from({ length: 17 }, (_, i) => `10.0.${i}.0/30`);
    expect(networksProblem(seventeen)).toEqual({ kind: 'too-many-networks', count: 17 });
    // A /22 holds 1022 hosts (no network, no broadcast address); two more addresses are the limit.
    expect(networksProblem(['10.0.0.0/22', '10.1.0.0/31'])).toBeNull();
    expect(networksProblem(['10.0.0.0/22', '10.1.0.0/31', '10.2.0.1'])).toEqual({
      kind: 'too-many-hosts',
      hosts: 1025,
    });
  });

  it('counts the addresses a sweep probes', () => {
    expect(discoveryHostCount(['10.0.0.0/24', '10.1.0.0/31', '10.2.0.9'])).toBe(254 + 2 + 1);
    expect(discoveryHostCount(['junk'])).toBe(0);
  });
});

describe('the address a found device is registered with', () => {
  it("is the origin when the XAddr is ONVIF's usual device service", () => {
    expect(registrationAddress(found('a'))).toBe('http://10.0.0.5');
    expect(registrationAddress(found('a', { xaddrs: ['http://10.0.0.5:8080/onvif/device_service'] }))).toBe(
      'http://10.0.0.5:8080',
    );
  });

  it('keeps another device-service path whole (the supervisor takes it as the device service)', () => {
    expect(registrationAddress(found('a', { xaddrs: ['https://10.0.0.5:8443/onvif/services?x=1#y'] }))).toBe(
      'https://10.0.0.5:8443/onvif/services',
    );
  });

  it('prefers the XAddr on the address that answered', () => {
    const device = found('a', {
      xaddrs: ['http://10.0.1.5/onvif/device_service', 'http://10.0.0.5/onvif/device_service'],
      respondedFrom: '10.0.0.5',
    });
    expect(registrationAddress(device)).toBe('http://10.0.0.5');
    expect(registrationAddress({ ...device, respondedFrom: '10.0.9.9' })).toBe('http://10.0.1.5');
    expect(registrationAddress({ ...device, xaddrs: ['not a url'] })).toBeNull();
  });
});

describe('discovery result → rows', () => {
  const result: DiscoveryResult = {
    siteId: 's1',
    networks: ['10.0.0.0/24'],
    probedHosts: 254,
    durationMs: 1770,
    devices: [
      found('urn:uuid:1', {
        name: '北门全景',
        hardware: 'IPC-9000',
        alreadyRegistered: true,
        registeredAs: ['cam-1', 'cam-gone'],
      }),
      found('urn:uuid:2', {
        xaddrs: ['http://10.0.0.6:8000/onvif/device_service'],
        respondedFrom: '10.0.0.6',
      }),
      found('urn:uuid:3', { xaddrs: ['http://10.0.0.7/onvif/device_service'], respondedFrom: '10.0.0.7' }),
    ],
  };
  const devices = [
    registered('cam-1', 'http://10.0.0.5'),
    // Registered after the sweep, from its listing: same host and port as device 2's XAddr.
    registered('cam-new', 'http://10.0.0.6:8000/onvif/device_service'),
    // Same host, other port: another device.
    registered('cam-other-port', 'http://10.0.0.7:8080'),
  ];

  it("names the registry devices each one already is, the service's and those registered since", () => {
    const rows = discoveryRows(result, devices);
    expect(rows.map((r) => [r.key, r.registeredAs, r.address])).toEqual([
      [
        'urn:uuid:1',
        // A device the registry no longer lists keeps its id, without a name.
        [{ id: 'cam-1', name: '相机 cam-1' }, { id: 'cam-gone' }],
        'http://10.0.0.5',
      ],
      ['urn:uuid:2', [{ id: 'cam-new', name: '相机 cam-new' }], 'http://10.0.0.6:8000'],
      ['urn:uuid:3', [], 'http://10.0.0.7'],
    ]);
  });

  it('drafts a registration: vendor onvif, the found name, its address, a camera kind to choose', () => {
    const [named, unnamed] = discoveryRows(result, []);
    expect(named && draftFrom(named)).toEqual({
      name: '北门全景',
      vendor: 'onvif',
      address: 'http://10.0.0.5',
      kinds: ['overview-camera', 'anpr-camera'],
    });
    expect(unnamed && draftFrom(unnamed).name).toBe('10.0.0.6');
  });
});
