import {
  type BarrierCommand,
  BarrierCommandError,
  type BarrierDriver,
  type BarrierTarget,
  type DriverName,
} from './barrier-driver';
import { BarrierAddressRefused } from './device-address';

/** Routes a command to the driver the lane's target names. */
export class BarrierDrivers {
  private readonly byName = new Map<DriverName, BarrierDriver>();

  constructor(drivers: readonly BarrierDriver<never>[]) {
    for (const driver of drivers) this.byName.set(driver.name, driver as unknown as BarrierDriver);
  }

  async send(target: BarrierTarget, command: BarrierCommand): Promise<void> {
    if (target.driver === 'none') throw new BarrierCommandError('unsupported', 'the lane has no barrier');
    const driver = this.byName.get(target.driver);
    if (!driver) throw new BarrierCommandError('unsupported', `no driver ${target.driver} configured`);
    // Refused when the gates file was loaded: the barrier is unavailable, the lane still decides.
    if (target.driver !== 'vzenith-reply' && target.refused !== undefined)
      throw new BarrierAddressRefused('network-not-allowed', target.refused);
    await driver.send(target, command);
  }
}
