import { type Secret } from '@ecogate/config';
import { type LaneRef } from '@ecogate/contracts';

export type BarrierAction = 'open' | 'close' | 'always-open';

/** How a lane's barrier is reached; one kind per driver folder. */
export type BarrierTarget =
  | {
      readonly driver: 'hikvision-isapi';
      readonly baseUrl: string;
      readonly channel: number;
      readonly username?: string;
      readonly password?: Secret;
      /** Why the address was refused at load (outside the allowed networks): nothing is ever sent. */
      readonly refused?: string;
    }
  | {
      readonly driver: 'dahua-strobe';
      readonly baseUrl: string;
      readonly channel: number;
      readonly username?: string;
      readonly password?: Secret;
      /** Why the address was refused at load (outside the allowed networks): nothing is ever sent. */
      readonly refused?: string;
    }
  /** A relay output of an ONVIF device (SetRelayOutputState); the first relay unless a token is named. */
  | {
      readonly driver: 'onvif-relay';
      readonly baseUrl: string;
      readonly relayToken?: string;
      /** A second relay wired to the barrier's close input, if any. */
      readonly closeRelayToken?: string;
      readonly username?: string;
      readonly password?: Secret;
      /** Why the address was refused at load (outside the allowed networks): nothing is ever sent. */
      readonly refused?: string;
    }
  /** The camera's next push reply opens the barrier (Vzenith protocol). */
  | { readonly driver: 'vzenith-reply' }
  /** Record-only lane: no barrier to drive. */
  | { readonly driver: 'none' };

export type DriverName = Exclude<BarrierTarget['driver'], 'none'>;

export interface BarrierCommand {
  readonly lane: LaneRef;
  readonly action: BarrierAction;
  /** Shown on some controllers' displays (Dahua `info.plateNumber`). */
  readonly plate?: string;
}

/** One vendor's way to move a barrier. Throws `BarrierCommandError` when the device refused or failed. */
export interface BarrierDriver<T extends BarrierTarget = BarrierTarget> {
  readonly name: DriverName;
  send(target: T, command: BarrierCommand): Promise<void>;
}

export class BarrierCommandError extends Error {
  constructor(
    /** `refused`: the address is outside the allowed device networks, or the device redirected. */
    readonly code: 'timeout' | 'unreachable' | 'rejected' | 'unsupported' | 'refused',
    message: string,
  ) {
    super(message);
    this.name = 'BarrierCommandError';
  }
}
