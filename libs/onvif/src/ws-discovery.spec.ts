import { DeviceNetworks } from '@ecogate/config';
import { probeMatchesMessage, WsDiscoveryResponder } from '@ecogate/camera-simulator';
import { randomUUID } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { discoverOnvifDevices } from './ws-discovery';
import { DiscoveryRefused, discoveryHosts } from './ws-discovery-hosts';

const loopback = new DeviceNetworks(['127.0.0.0/8']);
const service = (host: string) => `http://${host}/onvif/device_service`;

/** A host that answers every datagram with a well-formed ProbeMatches relating to a probe we never sent. */
async function unrelatedAnswerer(address: string, port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  socket.on('message', (_data, from) =>
    socket.send(
      probeMatchesMessage({
        relatesTo: `urn:uuid:${randomUUID()}`,
        messageId: `urn:uuid:${randomUUID()}`,
        endpoint: `urn:uuid:${randomUUID()}`,
        scopes: [],
        xaddrs: [service(address)],
        metadataVersion: 1,
        instanceId: 1,
        messageNumber: 1,
      }),
      from.port,
      from.address,
    ),
  );
  await new Promise<void>((resolve) => socket.bind(port, address, resolve));
  return socket;
}

describe('discoverOnvifDevices (unicast WS-Discovery sweep)', () => {
  const shared = `urn:uuid:${randomUUID()}`;
  let port: number;
  let cameras: Record<string, WsDiscoveryResponder>;
  let unrelated: Socket;

  beforeAll(async () => {
    // The first camera takes a free port; the others share it on their own loopback addresses.
    const first = new WsDiscoveryResponder({
      address: '127.0.0.2',
      port: 0,
      xaddrs: [`http://127.0.0.2:8080/onvif/device_service`, service('camera-a.example')],
      name: 'Gate 1 camera',
      hardware: 'ECG-SIM-200',
      location: 'city/Jinan',
    });
    port = (await first.start()).port;
    const on = (
      address: string,
      options: Partial<ConstructorParameters<typeof WsDiscoveryResponder>[0]> = {},
    ) => new WsDiscoveryResponder({ address, port, xaddrs: [service(address)], ...options });
    cameras = {
      first,
      // One device on two interfaces (.1 and .3), repeating its answers as SOAP-over-UDP allows.
      twoHomed: on('127.0.0.3', { endpoint: shared, repeatAnswers: true }),
      twoHomedOther: on('127.0.0.1', { endpoint: shared }),
      foreign: on('127.0.0.4', { xaddrs: [service('192.0.2.10'), service('127.0.0.40')] }),
      malformed: on('127.0.0.5', { answer: 'malformed' }),
      spoofed: on('127.0.0.6', { answerFrom: '127.0.0.31' }),
      wrongNamespace: on('127.0.0.9', { answer: 'wrong-namespace' }),
      silent: on('127.0.0.10', { answer: 'silent' }),
      outside: on('127.0.0.30'),
    };
    await Promise.all(
      Object.values(cameras)
        .filter((c) => c !== first)
        .map((c) => c.start()),
    );
    unrelated = await unrelatedAnswerer('127.0.0.11', port);
  });
  afterAll(async () => {
    unrelated.close();
    await Promise.all(Object.values(cameras).map((c) => c.stop()));
  });

  it('lists the ONVIF devices that answered from the probed hosts, with their allowed XAddrs only', async () => {
    const result = await discoverOnvifDevices({
      networks: ['127.0.0.0/29', '127.0.0.8/29'],
      allowed: loopback,
      port,
      timeoutMs: 1_000,
    });

    expect(result.probedHosts).toBe(12);
    const devices = [...result.devices].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    expect(devices).toHaveLength(2);
    expect(devices[0]).toMatchObject({ endpoint: shared, name: null, hardware: null, locations: [] });
    expect([...devices[0]!.xaddrs].sort()).toEqual([service('127.0.0.1'), service('127.0.0.3')]);
    expect(['127.0.0.1', '127.0.0.3']).toContain(devices[0]!.respondedFrom);
    expect(devices[1]).toEqual({
      endpoint: cameras['first']!.endpoint,
      xaddrs: ['http://127.0.0.2:8080/onvif/device_service'],
      types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
      scopes: cameras['first']!.scopes,
      name: 'Gate 1 camera',
      hardware: 'ECG-SIM-200',
      locations: ['city/Jinan'],
      metadataVersion: 1,
      respondedFrom: '127.0.0.2',
    });
    // A name (never looked up), an address outside the networks and one outside the swept blocks.
    expect(result.droppedXAddrs).toEqual(
      expect.arrayContaining([
        { from: '127.0.0.2', xaddr: service('camera-a.example') },
        { from: '127.0.0.4', xaddr: service('192.0.2.10') },
        { from: '127.0.0.4', xaddr: service('127.0.0.40') },
      ]),
    );
    expect(result.droppedXAddrs).toHaveLength(3);
    // Malformed, from an address not probed, the 2009 namespace, RelatesTo a probe never sent.
    expect(result.ignoredAnswers).toBe(4);
    expect(result.sendErrors).toBe(0);
    // Every host of the blocks had exactly one probe, each its own MessageID; nothing went outside them.
    const { outside, ...inside } = cameras;
    for (const camera of Object.values(inside)) expect(camera.probes).toHaveLength(1);
    expect(new Set(Object.values(inside).map((c) => c.probes[0]?.messageId)).size).toBe(8);
    expect(outside!.probes).toHaveLength(0);
  });

  it('returns no devices when nobody answers, after the timeout', async () => {
    const result = await discoverOnvifDevices({
      networks: ['127.0.0.64/30'],
      allowed: loopback,
      port,
      timeoutMs: 200,
    });
    expect(result).toMatchObject({ devices: [], probedHosts: 2, ignoredAnswers: 0, droppedXAddrs: [] });
    expect(result.durationMs).toBeGreaterThanOrEqual(195);
  });

  it('paces its probes instead of sending them all at once', async () => {
    // 30 hosts at 100 probes/s: the 30th cannot leave before 290 ms.
    const result = await discoverOnvifDevices({
      networks: ['127.0.1.0/27'],
      allowed: loopback,
      port,
      timeoutMs: 0,
      probesPerSecond: 100,
    });
    expect(result.probedHosts).toBe(30);
    expect(result.durationMs).toBeGreaterThanOrEqual(285);
  });

  it.each([
    [['10.0.0.0/21'], 'too-many-hosts'],
    [['fd00::/120'], 'not-ipv4'],
    [['10.0.0.5/24'], 'invalid-network'],
    [['10.0.0.0/33'], 'invalid-network'],
    [['camera.example'], 'invalid-network'],
    [['192.168.1.0/30'], 'network-not-allowed'],
  ])('refuses to sweep %j (%s) before sending anything', async (networks, refusal) => {
    await expect(
      discoverOnvifDevices({ networks, allowed: new DeviceNetworks(['10.0.0.0/8']), timeoutMs: 0 }),
    ).rejects.toEqual(expect.objectContaining({ name: 'DiscoveryRefused', refusal }));
  });
});

describe('discoveryHosts', () => {
  it('lists every host address once, without network and broadcast addresses', () => {
    expect(discoveryHosts(['10.0.0.0/30', '10.0.0.2', '10.0.0.8/31', '10.0.0.9/32'])).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '10.0.0.8',
      '10.0.0.9',
    ]);
    expect(discoveryHosts(['192.168.4.0/22'])).toHaveLength(1022);
  });

  it('counts the total against maxHosts', () => {
    expect(() => discoveryHosts(['10.0.0.0/24', '10.0.1.0/24'], { maxHosts: 500 })).toThrow(DiscoveryRefused);
    expect(discoveryHosts(['10.0.0.0/24', '10.0.1.0/24'], { maxHosts: 508 })).toHaveLength(508);
  });
});
