import { type Principal } from '@ecogate/auth';
import { WsDiscoveryResponder } from '@ecogate/camera-simulator';
import { DeviceNetworks } from '@ecogate/config';
import { parseEnterpriseId } from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { Writable } from 'node:stream';
import { IngestException } from '../push/ingest.exception';
import { type RegistryRepository } from '../registry/registry.repository';
import { type DiscoverySettings, OnvifDiscoveryService } from './onvif-discovery.service';

const enterprise = parseEnterpriseId('e-1');
const operator: Principal = {
  subject: 'op-7',
  name: 'op-7',
  role: 'city-operator',
  enterprises: '*',
  districts: [],
  scopes: [],
};

/** The two registry reads discovery makes, over fixed rows. */
function registry(sites: Record<string, string[]>, devices: { id: string; address: string | null }[]) {
  return {
    sites: {
      findOne: async (_e: unknown, where: { id: string }) =>
        sites[where.id] ? { id: where.id, discoveryNetworks: sites[where.id] } : null,
    },
    devices: { find: async () => devices },
  } as unknown as RegistryRepository;
}

describe('OnvifDiscoveryService', () => {
  const camera = new WsDiscoveryResponder({
    address: '127.0.0.2',
    port: 0,
    xaddrs: ['http://127.0.0.1:8081/onvif/device_service'],
  });
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'discovery-spec',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  });
  let settings: DiscoverySettings;

  beforeAll(async () => {
    const { port } = await camera.start();
    settings = {
      enabled: true,
      port,
      timeoutMs: 300,
      probesPerSecond: 200,
      networks: new DeviceNetworks(['127.0.0.0/8']),
    };
  });
  afterAll(() => camera.stop());
  beforeEach(() => lines.splice(0));

  const service = (
    sites: Record<string, string[]>,
    devices: { id: string; address: string | null }[] = [],
    overrides: Partial<DiscoverySettings> = {},
  ) => new OnvifDiscoveryService(registry(sites, devices), { ...settings, ...overrides }, logger);

  it('marks a device registered when an address of the enterprise is on the host and port of its XAddr', async () => {
    const result = await service({ 'plant-1': ['127.0.0.0/30'] }, [
      { id: 'cam-same', address: 'http://127.0.0.1:8081' },
      { id: 'cam-other-port', address: 'http://127.0.0.1:8082/onvif/device_service' },
      { id: 'barrier', address: null },
    ]).discover(enterprise, 'plant-1', {}, operator);

    expect(result).toMatchObject({ siteId: 'plant-1', networks: ['127.0.0.0/30'], probedHosts: 2 });
    expect(result.devices).toEqual([
      expect.objectContaining({
        endpoint: camera.endpoint,
        alreadyRegistered: true,
        registeredAs: ['cam-same'],
      }),
    ]);
    // The audit line: who swept which networks of which site, and what came back.
    expect(lines).toEqual([
      expect.objectContaining({
        audit: 'onvif-discovery',
        by: 'op-7',
        role: 'city-operator',
        enterpriseId: 'e-1',
        siteId: 'plant-1',
        networks: ['127.0.0.0/30'],
        probedHosts: 2,
        devices: 1,
      }),
    ]);
  });

  it.each([
    ['discovery-disabled', { 'plant-1': ['127.0.0.0/30'] }, { enabled: false }],
    ['no-discovery-networks', { 'plant-1': [] }, {}],
    // DEVICE_ALLOWED_NETWORKS narrowed after the site was saved: nothing is sent.
    ['discovery-refused', { 'plant-1': ['10.0.0.0/30'] }, {}],
    ['not-found', {}, {}],
  ])('refuses with %s', async (code, sites, overrides) => {
    const probes = camera.probes.length;
    await expect(service(sites, [], overrides).discover(enterprise, 'plant-1', {}, operator)).rejects.toEqual(
      expect.objectContaining({ code }),
    );
    expect(camera.probes).toHaveLength(probes);
  });

  it('logs a refusal with who asked', async () => {
    await expect(
      service({ 'plant-1': [] }).discover(enterprise, 'plant-1', {}, operator),
    ).rejects.toBeInstanceOf(IngestException);
    expect(lines).toEqual([
      expect.objectContaining({
        audit: 'onvif-discovery',
        by: 'op-7',
        siteId: 'plant-1',
        refused: 'no-discovery-networks',
      }),
    ]);
  });

  it('runs one discovery per site at a time', async () => {
    const discovery = service({ 'plant-1': ['127.0.0.0/30'] });
    const first = discovery.discover(enterprise, 'plant-1', {}, operator);
    await expect(discovery.discover(enterprise, 'plant-1', {}, operator)).rejects.toEqual(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect((await first).devices).toHaveLength(1);
    expect((await discovery.discover(enterprise, 'plant-1', {}, operator)).devices).toHaveLength(1);
  });
});
