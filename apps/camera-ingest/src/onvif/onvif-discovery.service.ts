import { Inject, Injectable } from '@nestjs/common';
import { type Principal } from '@ecogate/auth';
import { type DeviceNetworks } from '@ecogate/config';
import { discoverOnvifDevices, DiscoveryRefused, type DiscoveryResult, hostOf } from '@ecogate/onvif';
import { type EnterpriseId } from '@ecogate/persistence';
import { type Logger, LOGGER, meter } from '@ecogate/telemetry';
import { IngestException } from '../push/ingest.exception';
import { RegistryRepository } from '../registry/registry.repository';
import { type DiscoveryRequest, type SiteDiscovery } from './onvif-discovery.dto';

export const DISCOVERY_SETTINGS = Symbol('DISCOVERY_SETTINGS');

export interface DiscoverySettings {
  /** Off unless switched on (`ONVIF_DISCOVERY_ENABLED`): a sweep is traffic to every host of a plant network. */
  readonly enabled: boolean;
  /** The devices' WS-Discovery port (3702; tests use a free one). */
  readonly port: number;
  readonly timeoutMs: number;
  readonly probesPerSecond: number;
  /** `DEVICE_ALLOWED_NETWORKS`: the sweep and every XAddr kept stay inside. */
  readonly networks: DeviceNetworks;
}

const discoveries = meter('camera-ingest').createCounter('camera_ingest_onvif_discoveries_total', {
  description: 'ONVIF discovery sweeps by outcome (done, or the refusal code)',
});

/**
 * Lists the ONVIF devices in a site's discovery networks, for registration: an opt-in unicast
 * WS-Discovery sweep (`discoverOnvifDevices`), one at a time per site, logged for the audit.
 */
@Injectable()
export class OnvifDiscoveryService {
  private readonly running = new Set<string>();

  constructor(
    @Inject(RegistryRepository) private readonly registry: RegistryRepository,
    @Inject(DISCOVERY_SETTINGS) private readonly settings: DiscoverySettings,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async discover(
    enterpriseId: EnterpriseId,
    siteId: string,
    request: DiscoveryRequest,
    caller: Principal,
  ): Promise<SiteDiscovery> {
    const audit = { audit: 'onvif-discovery', enterpriseId, siteId, by: caller.subject, role: caller.role };
    const site = await this.registry.sites.findOne(enterpriseId, { id: siteId });
    if (!site) throw new IngestException('not-found', `site ${siteId} does not exist`);
    const networks = site.discoveryNetworks;
    try {
      if (!this.settings.enabled)
        throw new IngestException('discovery-disabled', 'ONVIF discovery is switched off on this service');
      if (networks.length === 0)
        throw new IngestException(
          'no-discovery-networks',
          `site ${siteId} has no discovery networks: set discoveryNetworks on the site first`,
        );
      const result = await this.sweep(`${enterpriseId}/${siteId}`, networks, request);
      const devices = await this.markRegistered(enterpriseId, result);
      discoveries.add(1, { outcome: 'done' });
      this.logger.info(
        {
          ...audit,
          networks,
          probedHosts: result.probedHosts,
          devices: devices.length,
          durationMs: result.durationMs,
          ignoredAnswers: result.ignoredAnswers,
          droppedXAddrs: result.droppedXAddrs,
          sendErrors: result.sendErrors,
        },
        'ONVIF discovery swept the site networks',
      );
      return { siteId, networks, probedHosts: result.probedHosts, durationMs: result.durationMs, devices };
    } catch (error) {
      if (error instanceof IngestException) {
        discoveries.add(1, { outcome: error.code });
        this.logger.info(
          { ...audit, networks, refused: error.code },
          `ONVIF discovery refused: ${error.message}`,
        );
      }
      throw error;
    }
  }

  private async sweep(key: string, networks: readonly string[], request: DiscoveryRequest) {
    if (this.running.has(key))
      throw new IngestException('conflict', 'a discovery of this site is running; wait for its answer');
    this.running.add(key);
    try {
      return await discoverOnvifDevices({
        networks,
        allowed: this.settings.networks,
        port: this.settings.port,
        timeoutMs: request.timeoutMs ?? this.settings.timeoutMs,
        probesPerSecond: this.settings.probesPerSecond,
      });
    } catch (error) {
      // The setting may have narrowed since the site was saved.
      if (error instanceof DiscoveryRefused) throw new IngestException('discovery-refused', error.message);
      throw error;
    } finally {
      this.running.delete(key);
    }
  }

  /**
   * A device counts as registered when one of the enterprise's devices has an address on the host
   * and port of one of its XAddrs (`http://10.0.0.5` matches `http://10.0.0.5/onvif/device_service`).
   */
  private async markRegistered(enterpriseId: EnterpriseId, result: DiscoveryResult) {
    const byEndpoint = new Map<string, string[]>();
    for (const device of await this.registry.devices.find(enterpriseId, { order: { id: 'ASC' } })) {
      const at = device.address === null ? undefined : hostAndPort(device.address);
      if (at !== undefined) byEndpoint.set(at, [...(byEndpoint.get(at) ?? []), device.id]);
    }
    return result.devices.map((device) => {
      const registeredAs = [
        ...new Set(device.xaddrs.flatMap((xaddr) => byEndpoint.get(hostAndPort(xaddr) ?? '') ?? [])),
      ];
      return { ...device, alreadyRegistered: registeredAs.length > 0, registeredAs };
    });
  }
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

function hostAndPort(address: string): string | undefined {
  try {
    const url = new URL(address);
    return `${hostOf(url)}:${url.port || DEFAULT_PORTS[url.protocol] || ''}`;
  } catch {
    return undefined;
  }
}
