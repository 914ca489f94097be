import { DeviceNetworks } from '@ecogate/config';
import {
  type BarrierCommand,
  BarrierCommandError,
  type BarrierDriver,
  type BarrierTarget,
} from '../barrier-driver';
import { BarrierAddressRefused } from '../device-address';
import { deviceRequest } from '../http/digest-fetch';

type Target = Extract<BarrierTarget, { driver: 'dahua-strobe' }>;

export interface DahuaStrobeOptions {
  /** Busy ITC cameras answer slowly (interfaces.md §3). */
  readonly timeoutMs?: number;
  /** One quick retry after a failure. */
  readonly retryDelayMs?: number;
  /** Where the camera may be (`DEVICE_ALLOWED_NETWORKS`); default loopback + RFC 1918. */
  readonly networks?: DeviceNetworks;
}

/** Dahua ITC camera: `GET /cgi-bin/trafficSnap.cgi?action=openStrobe…` with digest auth; ~12 s, one quick retry. */
export class DahuaStrobeDriver implements BarrierDriver<Target> {
  readonly name = 'dahua-strobe' as const;
  private readonly timeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly networks: DeviceNetworks;

  constructor(options: DahuaStrobeOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 12_000;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.networks = options.networks ?? DeviceNetworks.defaults;
  }

  async send(target: Target, command: BarrierCommand): Promise<void> {
    if (command.action !== 'open') {
      throw new BarrierCommandError('unsupported', `dahua-strobe cannot ${command.action} (only openStrobe)`);
    }
    const query = new URLSearchParams({
      action: 'openStrobe',
      channel: String(target.channel),
      'info.openType': 'Normal',
      ...(command.plate ? { 'info.plateNumber': command.plate } : {}),
    });
    const url = `${target.baseUrl.replace(/\/$/, '')}/cgi-bin/trafficSnap.cgi?${query.toString()}`;
    try {
      await this.once(url, target);
    } catch (error) {
      // A refused address or redirect would only be refused again.
      if (
        error instanceof BarrierAddressRefused ||
        (error instanceof BarrierCommandError &&
          error.code === 'rejected' &&
          /HTTP 4\d\d/.test(error.message))
      )
        throw error;
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      await this.once(url, target);
    }
  }

  private async once(url: string, target: Target): Promise<void> {
    const response = await deviceRequest({
      method: 'GET',
      url,
      ...(target.username !== undefined ? { username: target.username } : {}),
      ...(target.password ? { password: target.password.reveal() } : {}),
      timeoutMs: this.timeoutMs,
      networks: this.networks,
      driver: this.name,
    });
    // Dahua CGI answers `OK` on success, `Error` with a reason otherwise.
    if (response.status !== 200 || !/^\s*OK\s*$/i.test(response.body)) {
      throw new BarrierCommandError(
        'rejected',
        `openStrobe answered HTTP ${response.status}: ${response.body.slice(0, 100)}`,
      );
    }
  }
}
