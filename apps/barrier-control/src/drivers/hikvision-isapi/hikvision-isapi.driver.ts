import { DeviceNetworks } from '@ecogate/config';
import {
  type BarrierAction,
  type BarrierCommand,
  BarrierCommandError,
  type BarrierDriver,
  type BarrierTarget,
} from '../barrier-driver';
import { deviceRequest } from '../http/digest-fetch';

type Target = Extract<BarrierTarget, { driver: 'hikvision-isapi' }>;

const CTRL_MODE: Record<BarrierAction, string> = {
  open: 'open',
  close: 'close',
  'always-open': 'alwaysOpen',
};

/** Hikvision ANPR camera relay: `PUT /ISAPI/Parking/channels/<ch>/barrierGate` (interfaces.md §2), digest auth. */
export class HikvisionIsapiDriver implements BarrierDriver<Target> {
  readonly name = 'hikvision-isapi' as const;

  constructor(
    private readonly timeoutMs = 5_000,
    private readonly networks: DeviceNetworks = DeviceNetworks.defaults,
  ) {}

  async send(target: Target, command: BarrierCommand): Promise<void> {
    const url = `${target.baseUrl.replace(/\/$/, '')}/ISAPI/Parking/channels/${target.channel}/barrierGate`;
    const response = await deviceRequest({
      method: 'PUT',
      url,
      contentType: 'application/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?><BarrierGate><ctrlMode>${CTRL_MODE[command.action]}</ctrlMode></BarrierGate>`,
      ...(target.username !== undefined ? { username: target.username } : {}),
      ...(target.password ? { password: target.password.reveal() } : {}),
      timeoutMs: this.timeoutMs,
      networks: this.networks,
      driver: this.name,
    });
    // ISAPI answers a ResponseStatus; statusCode 1 is OK.
    const statusCode = /<statusCode>(\d+)<\/statusCode>/.exec(response.body)?.[1];
    if (response.status !== 200 || (statusCode !== undefined && statusCode !== '1')) {
      throw new BarrierCommandError(
        'rejected',
        `ISAPI barrierGate answered HTTP ${response.status}${statusCode ? ` statusCode ${statusCode}` : ''}`,
      );
    }
  }
}
