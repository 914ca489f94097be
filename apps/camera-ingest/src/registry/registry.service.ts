import { Inject, Injectable } from '@nestjs/common';
import { type DeviceNetworks } from '@ecogate/config';
import { type EnterpriseId } from '@ecogate/persistence';
import { createHash, randomBytes } from 'node:crypto';
import { isPushVendor } from '../push/anpr-push.adapter';
import { IngestException } from '../push/ingest.exception';
import { CredentialCipher } from './credential-cipher';
import { checkDeviceAddress, DEVICE_NETWORKS } from './device-address-policy';
import { checkDiscoveryNetworks } from './discovery-networks-policy';
import { type DeviceEntity, type DeviceKind } from './device.entity';
import {
  type CreateDevice,
  type DeviceView,
  type GateView,
  type LaneView,
  type PutGate,
  type PutLane,
  type PutSite,
  type SiteView,
  type UpdateDevice,
} from './registry.dto';
import { RegistryRepository } from './registry.repository';

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Kinds of device that may push to us (a loading-area camera: its pictures, as frames). */
export const PUSHING_KINDS: ReadonlySet<string> = new Set(['anpr-camera', 'loading-area-camera']);

/**
 * Devices that push to us get a secret; it is shown once and stored only as a digest. An ANPR
 * camera always (the registry has always issued one); a loading-area camera of a push vendor only:
 * an ONVIF one is polled by camera-ingest and has nothing to push.
 */
export const issuesPushSecret = (device: { readonly kind: string; readonly vendor: string }): boolean =>
  device.kind === 'anpr-camera' || (PUSHING_KINDS.has(device.kind) && isPushVendor(device.vendor));

export interface IssuedDevice {
  readonly device: DeviceView;
  /** Present when a push secret was issued; never retrievable later. */
  readonly pushSecret?: string;
}

@Injectable()
export class RegistryService {
  constructor(
    @Inject(RegistryRepository) private readonly registry: RegistryRepository,
    @Inject(CredentialCipher) private readonly cipher: CredentialCipher,
    @Inject(DEVICE_NETWORKS) private readonly networks: DeviceNetworks,
  ) {}

  async putSite(enterpriseId: EnterpriseId, siteId: string, site: PutSite): Promise<void> {
    if (site.discoveryNetworks) checkDiscoveryNetworks(site.discoveryNetworks, this.networks);
    await upsert(
      () => this.registry.sites.update(enterpriseId, { id: siteId }, site),
      () => this.registry.sites.insert(enterpriseId, { id: siteId, ...site }),
    );
  }

  async putGate(enterpriseId: EnterpriseId, gateId: string, gate: PutGate): Promise<void> {
    if (!(await this.registry.sites.exists(enterpriseId, { id: gate.siteId }))) {
      throw new IngestException('not-found', `site ${gate.siteId} does not exist`);
    }
    await upsert(
      () => this.registry.gates.update(enterpriseId, { id: gateId }, gate),
      () => this.registry.gates.insert(enterpriseId, { id: gateId, ...gate }),
    );
  }

  async putLane(enterpriseId: EnterpriseId, laneId: string, lane: PutLane): Promise<void> {
    if (!(await this.registry.gates.exists(enterpriseId, { id: lane.gateId }))) {
      throw new IngestException('not-found', `gate ${lane.gateId} does not exist`);
    }
    await upsert(
      () => this.registry.lanes.update(enterpriseId, { id: laneId }, lane),
      () => this.registry.lanes.insert(enterpriseId, { id: laneId, ...lane }),
    );
  }

  async createDevice(enterpriseId: EnterpriseId, command: CreateDevice): Promise<IssuedDevice> {
    const place = await this.checkPlace(enterpriseId, command.kind, command, true);
    if (await this.registry.deviceIdTaken(command.id)) {
      throw new IngestException('conflict', `device id ${command.id} is taken`);
    }
    await checkDeviceAddress(command.address, this.networks);
    checkEventSource(command);
    const pushSecret = issuesPushSecret(command) ? newSecret() : undefined;
    await this.registry.devices.insert(enterpriseId, {
      id: command.id,
      laneId: place.laneId ?? null,
      siteId: place.siteId ?? null,
      kind: command.kind,
      vendor: command.vendor,
      name: command.name,
      address: command.address,
      allowedSources: command.allowedSources,
      enabled: command.enabled,
      eventSource: command.eventSource,
      pushSecretSha256: pushSecret === undefined ? null : sha256(pushSecret),
      credentialsEncrypted: command.credentials ? this.cipher.encrypt(command.id, command.credentials) : null,
    });
    return { device: await this.getDevice(enterpriseId, command.id), ...(pushSecret ? { pushSecret } : {}) };
  }

  async updateDevice(
    enterpriseId: EnterpriseId,
    deviceId: string,
    command: UpdateDevice,
  ): Promise<IssuedDevice> {
    const current = await this.findDevice(enterpriseId, deviceId);
    await this.checkPlace(enterpriseId, current.kind, command, false);
    await checkDeviceAddress(command.address, this.networks);
    checkEventSource({ ...current, eventSource: command.eventSource ?? current.eventSource });
    const { credentials, rotatePushSecret, ...plain } = command;
    const pushSecret = rotatePushSecret && issuesPushSecret(current) ? newSecret() : undefined;
    const changes = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined));
    await this.registry.devices.update(
      enterpriseId,
      { id: deviceId },
      {
        ...changes,
        ...(credentials !== undefined
          ? { credentialsEncrypted: credentials === null ? null : this.cipher.encrypt(deviceId, credentials) }
          : {}),
        ...(pushSecret !== undefined ? { pushSecretSha256: sha256(pushSecret) } : {}),
      },
    );
    return { device: await this.getDevice(enterpriseId, deviceId), ...(pushSecret ? { pushSecret } : {}) };
  }

  async getDevice(enterpriseId: EnterpriseId, deviceId: string): Promise<DeviceView> {
    const device = await this.findDevice(enterpriseId, deviceId);
    const laneSite =
      device.laneId === null ? null : await this.registry.siteOfLane(enterpriseId, device.laneId);
    return view(device, device.siteId ?? laneSite);
  }

  async listDevices(enterpriseId: EnterpriseId): Promise<DeviceView[]> {
    const [devices, lanes, gates] = await Promise.all([
      this.registry.devices.find(enterpriseId, { order: { id: 'ASC' } }),
      this.registry.lanes.find(enterpriseId),
      this.registry.gates.find(enterpriseId),
    ]);
    const siteOfGate = new Map(gates.map((gate) => [gate.id, gate.siteId]));
    const siteOfLane = new Map(lanes.map((lane) => [lane.id, siteOfGate.get(lane.gateId) ?? null]));
    return devices.map((device) =>
      view(
        device,
        device.siteId ?? (device.laneId === null ? null : (siteOfLane.get(device.laneId) ?? null)),
      ),
    );
  }

  /**
   * A loading-area camera stands on a site of the enterprise and never on a lane; every other kind
   * on a lane of the enterprise and never on a site of its own (its site is its lane's gate's).
   * `creating`: the anchor is required, not only checked when given.
   */
  private async checkPlace(
    enterpriseId: EnterpriseId,
    kind: DeviceKind,
    place: { readonly laneId?: string; readonly siteId?: string },
    creating: boolean,
  ): Promise<{ readonly laneId?: string; readonly siteId?: string }> {
    if (kind === 'loading-area-camera') {
      if (place.laneId !== undefined) {
        throw new IngestException(
          'invalid-request',
          'a loading-area camera is registered on a site (siteId), not a lane',
        );
      }
      if (place.siteId === undefined) {
        if (creating) throw new IngestException('invalid-request', 'a loading-area camera needs a siteId');
      } else if (!(await this.registry.siteExists(enterpriseId, place.siteId))) {
        throw new IngestException('not-found', `site ${place.siteId} does not exist`);
      }
      return { siteId: place.siteId };
    }
    if (place.siteId !== undefined) {
      throw new IngestException(
        'invalid-request',
        `a ${kind} is registered on a lane (laneId); its site is its lane's`,
      );
    }
    if (place.laneId === undefined) {
      if (creating) throw new IngestException('invalid-request', `a ${kind} needs a laneId`);
    } else if (!(await this.registry.laneExists(enterpriseId, place.laneId))) {
      throw new IngestException('not-found', `lane ${place.laneId} does not exist`);
    }
    return { laneId: place.laneId };
  }

  async listSites(enterpriseId: EnterpriseId): Promise<SiteView[]> {
    const rows = await this.registry.sites.find(enterpriseId, { order: { id: 'ASC' } });
    return rows.map(({ id, name, timeZone, discoveryNetworks }) => ({
      id,
      name,
      timeZone,
      discoveryNetworks,
    }));
  }

  async listGates(enterpriseId: EnterpriseId): Promise<GateView[]> {
    const rows = await this.registry.gates.find(enterpriseId, { order: { id: 'ASC' } });
    return rows.map(({ id, siteId, name }) => ({ id, siteId, name }));
  }

  async listLanes(enterpriseId: EnterpriseId): Promise<LaneView[]> {
    const rows = await this.registry.lanes.find(enterpriseId, { order: { id: 'ASC' } });
    return rows.map(({ id, gateId, name, direction, mode }) => ({ id, gateId, name, direction, mode }));
  }

  private async findDevice(enterpriseId: EnterpriseId, deviceId: string): Promise<DeviceEntity> {
    const device = await this.registry.devices.findOne(enterpriseId, { id: deviceId });
    if (!device) throw new IngestException('not-found', `device ${deviceId} does not exist`);
    return device;
  }
}

/** Only Dahua ANPR cameras have the event stream we can attach to. */
function checkEventSource(device: Pick<DeviceEntity, 'kind' | 'vendor' | 'eventSource'>): void {
  if (device.eventSource === 'event-stream' && (device.vendor !== 'dahua' || device.kind !== 'anpr-camera')) {
    throw new IngestException(
      'invalid-request',
      `event source event-stream is for Dahua ANPR cameras, not a ${device.vendor} ${device.kind}`,
    );
  }
}

const newSecret = (): string => randomBytes(24).toString('base64url');

async function upsert(update: () => Promise<number>, insert: () => Promise<unknown>): Promise<void> {
  if ((await update()) === 0) await insert();
}

const view = (device: DeviceEntity, siteId: string | null): DeviceView => ({
  id: device.id,
  laneId: device.laneId,
  siteId,
  kind: device.kind,
  vendor: device.vendor,
  name: device.name,
  address: device.address,
  allowedSources: device.allowedSources,
  hasCredentials: device.credentialsEncrypted !== null,
  enabled: device.enabled,
  eventSource: device.eventSource,
});
