import { OnvifDeviceSimulator, WsDiscoveryResponder } from '@ecogate/camera-simulator';
import { releaseAll } from '@ecogate/testing';
import { type SiteDiscovery } from './onvif/onvif-discovery.dto';
import { CameraIngestHarness } from './testing/camera-ingest-harness';

const account = { username: 'admin', password: 'Onvif-Discovery-1' };

describe('ONVIF discovery of a site network through the registry API (real Postgres, Kafka, MinIO)', () => {
  const harness = new CameraIngestHarness({ name: 'discovery' });
  const { api, enterprise } = harness;
  // Two cameras in the site's 127.0.0.0/29 (WS-Discovery on .2 and .3, device services on 127.0.0.1),
  // one on 127.0.0.9, outside it.
  const devices = {
    gate: new OnvifDeviceSimulator({ account }),
    yard: new OnvifDeviceSimulator({ account }),
  };
  let responders: Record<'gate' | 'yard' | 'outside', WsDiscoveryResponder>;

  const refusal = async (response: Response) => [
    response.status,
    ((await response.json()) as { code: string }).code,
  ];
  const discover = async (siteId: string, authorization?: string, tenant?: string) =>
    api('POST', `/sites/${siteId}/onvif-discovery`, { timeoutMs: 500 }, authorization, tenant);

  beforeAll(async () => {
    const [gateUrl, yardUrl] = await Promise.all([devices.gate.start(), devices.yard.start()]);
    // A free UDP port on .2, then the same one on the other addresses: never the real 3702.
    const gate = new WsDiscoveryResponder({
      address: '127.0.0.2',
      port: 0,
      xaddrs: [`${gateUrl}/onvif/device_service`],
      name: 'Gate 1',
      hardware: 'ECG-SIM-200',
    });
    const { port } = await gate.start();
    responders = {
      gate,
      yard: new WsDiscoveryResponder({
        address: '127.0.0.3',
        port,
        xaddrs: [`${yardUrl}/onvif/device_service`],
      }),
      outside: new WsDiscoveryResponder({
        address: '127.0.0.9',
        port,
        xaddrs: [`${gateUrl}/onvif/device_service`],
      }),
    };
    await Promise.all([responders.yard.start(), responders.outside.start()]);

    await harness.start({
      ONVIF_DISCOVERY_ENABLED: 'true',
      ONVIF_DISCOVERY_PORT: String(port),
      DEVICE_ALLOWED_NETWORKS: '127.0.0.0/8',
    });
    await harness.addLane({ name: 'Plant 1', discoveryNetworks: ['127.0.0.0/29'] });
    expect((await api('PUT', '/sites/plant-2', { name: 'Plant 2' })).status).toBe(204);
  });

  afterAll(() =>
    releaseAll(
      () => harness.close(),
      () => Promise.all(Object.values(responders ?? {}).map((responder) => responder.stop())),
      () => Promise.all(Object.values(devices).map((device) => device.stop())),
    ),
  );

  it('keeps a site’s discovery networks: IPv4 blocks inside the device networks, kept when a PUT leaves them out', async () => {
    expect(
      await refusal(await api('PUT', '/sites/plant-x', { name: 'X', discoveryNetworks: ['192.168.1.0/30'] })),
    ).toEqual([400, 'device-address-not-allowed']);
    for (const discoveryNetworks of [
      ['127.0.0.5/29'],
      ['127.0.0.0/29', '127.0.0.0/29'],
      ['127.0.0.0/16'],
      ['::1/128'],
    ])
      expect(await refusal(await api('PUT', '/sites/plant-x', { name: 'X', discoveryNetworks }))).toEqual([
        400,
        'invalid-request',
      ]);
    // Renaming without the field (as an older console does) keeps the networks.
    expect((await api('PUT', '/sites/plant-1', { name: 'Plant One' })).status).toBe(204);
    const sites = (await (await api('GET', '/sites')).json()) as unknown[];
    expect(sites).toEqual([
      { id: 'plant-1', name: 'Plant One', timeZone: 'Asia/Shanghai', discoveryNetworks: ['127.0.0.0/29'] },
      { id: 'plant-2', name: 'Plant 2', timeZone: 'Asia/Shanghai', discoveryNetworks: [] },
    ]);
  });

  it('lists exactly the two cameras inside the site network, and marks one once it is registered', async () => {
    const response = await discover('plant-1');
    expect(response.status).toBe(200);
    const found = (await response.json()) as SiteDiscovery;
    expect(found).toMatchObject({ siteId: 'plant-1', networks: ['127.0.0.0/29'], probedHosts: 6 });
    expect(found.durationMs).toBeGreaterThanOrEqual(500);
    const byEndpoint = new Map(found.devices.map((device) => [device.endpoint, device]));
    expect([...byEndpoint.keys()].sort()).toEqual(
      [responders.gate.endpoint, responders.yard.endpoint].sort(),
    );
    expect(byEndpoint.get(responders.gate.endpoint)).toEqual({
      endpoint: responders.gate.endpoint,
      xaddrs: [`${devices.gate.url}/onvif/device_service`],
      types: ['dn:NetworkVideoTransmitter', 'tds:Device'],
      scopes: responders.gate.scopes,
      name: 'Gate 1',
      hardware: 'ECG-SIM-200',
      locations: [],
      metadataVersion: 1,
      respondedFrom: '127.0.0.2',
      alreadyRegistered: false,
      registeredAs: [],
    });
    expect(responders.outside.probes).toHaveLength(0);

    // Registered at the address the listing gave: the next discovery says so, for that one only.
    const created = await api('POST', '/devices', {
      id: `${enterprise}-gate`,
      laneId: 'lane-in',
      kind: 'overview-camera',
      vendor: 'onvif',
      name: 'Gate 1',
      address: byEndpoint.get(responders.gate.endpoint)!.xaddrs[0],
      credentials: account,
    });
    expect(created.status).toBe(201);
    const again = (await (await discover('plant-1')).json()) as SiteDiscovery;
    expect(again.devices.map((d) => [d.endpoint, d.alreadyRegistered, d.registeredAs]).sort()).toEqual(
      [
        [responders.gate.endpoint, true, [`${enterprise}-gate`]],
        [responders.yard.endpoint, false, []],
      ].sort(),
    );
  });

  it('refuses a site without networks, and answers 404 for another tenant’s or an unknown site', async () => {
    expect(await refusal(await discover('plant-2'))).toEqual([409, 'no-discovery-networks']);
    expect(await refusal(await discover('no-such-site'))).toEqual([404, 'not-found']);
    // The city operator on an enterprise that has no such site; staff of another enterprise.
    expect(await refusal(await discover('plant-1', undefined, `other-${enterprise}`))).toEqual([
      404,
      'not-found',
    ]);
    const outsider = await harness.issuer.bearer({
      role: 'city-operator',
      enterprises: [`other-${enterprise}`],
    });
    expect((await discover('plant-1', outsider)).status).toBe(404);
    // Only those who register devices may sweep a plant network.
    const admin = await harness.issuer.bearer({ role: 'enterprise-admin', enterprises: [enterprise] });
    expect((await discover('plant-1', admin)).status).toBe(403);
    expect(responders.gate.probes).toHaveLength(2);
  });
});
