import { DeviceNetworks } from '@ecogate/config';
import { OnvifClient, OnvifError, type RelayOutput } from '@ecogate/onvif';
import {
  type BarrierCommand,
  BarrierCommandError,
  type BarrierDriver,
  type BarrierTarget,
} from '../barrier-driver';
import { asBarrierError } from '../device-address';

type Target = Extract<BarrierTarget, { driver: 'onvif-relay' }>;

export interface OnvifRelayOptions {
  readonly timeoutMs?: number;
  /** A bistable relay is held active this long for an "open" pulse, then released. */
  readonly pulseMs?: number;
  /** Where the device may be (`DEVICE_ALLOWED_NETWORKS`); default loopback + RFC 1918. */
  readonly networks?: DeviceNetworks;
}

/**
 * A barrier wired to an ONVIF device's relay output (`SetRelayOutputState`). `open` pulses the
 * relay: active, then inactive after the hold, unless the device's relay is monostable (it
 * returns to idle by itself after its DelayTime). `always-open` holds it active; `close` pulses
 * the close relay when one is wired, otherwise releases the open relay.
 */
export class OnvifRelayDriver implements BarrierDriver<Target> {
  readonly name = 'onvif-relay' as const;
  private readonly timeoutMs: number;
  private readonly pulseMs: number;
  private readonly networks: DeviceNetworks;

  constructor(options: OnvifRelayOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.pulseMs = options.pulseMs ?? 500;
    this.networks = options.networks ?? DeviceNetworks.defaults;
  }

  async send(target: Target, command: BarrierCommand): Promise<void> {
    try {
      const client = await OnvifClient.connect({
        url: target.baseUrl,
        username: target.username ?? '',
        password: target.password?.reveal() ?? '',
        timeoutMs: this.timeoutMs,
        // The client checks the address before it sends anything (it logs in per command).
        networks: this.networks,
      });
      const relays = await client.relayOutputs();
      const open = pick(relays, target.relayToken);
      switch (command.action) {
        case 'open':
          return await this.pulse(client, open);
        case 'always-open':
          if (open.mode === 'Monostable') {
            throw new BarrierCommandError(
              'unsupported',
              `relay ${open.token} is monostable: it cannot be held open`,
            );
          }
          return await client.setRelayOutputState(open.token, 'active');
        case 'close':
          if (target.closeRelayToken !== undefined) {
            return await this.pulse(client, pick(relays, target.closeRelayToken));
          }
          return await client.setRelayOutputState(open.token, 'inactive');
      }
    } catch (error) {
      throw asCommandError(error, target);
    }
  }

  private async pulse(client: OnvifClient, relay: RelayOutput): Promise<void> {
    await client.setRelayOutputState(relay.token, 'active');
    if (relay.mode === 'Monostable') return;
    await new Promise((resolve) => setTimeout(resolve, this.pulseMs));
    await client.setRelayOutputState(relay.token, 'inactive');
  }
}

function pick(relays: readonly RelayOutput[], token: string | undefined): RelayOutput {
  const relay = token === undefined ? relays[0] : relays.find((r) => r.token === token);
  if (!relay) {
    throw new BarrierCommandError(
      'unsupported',
      token === undefined ? 'the device has no relay output' : `the device has no relay output ${token}`,
    );
  }
  return relay;
}

function asCommandError(caught: unknown, target: Target): BarrierCommandError {
  const error = asBarrierError(caught, 'onvif-relay');
  if (error instanceof BarrierCommandError) return error;
  const message = `ONVIF relay at ${target.baseUrl}: ${error instanceof Error ? error.message : String(error)}`;
  if (!(error instanceof OnvifError)) return new BarrierCommandError('rejected', message);
  switch (error.code) {
    case 'unreachable':
      return new BarrierCommandError(/timeout/i.test(error.message) ? 'timeout' : 'unreachable', message);
    case 'unsupported':
      return new BarrierCommandError('unsupported', message);
    case 'unauthorised':
    case 'protocol':
      return new BarrierCommandError('rejected', message);
  }
}
