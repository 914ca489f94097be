import { type DataSource } from '@ecogate/persistence';
import { type DeviceLane, hasLane } from '../registry/device-lane';
import { queryReachableDevices, type ReachableDevice } from '../supervision/reachable-devices';

/** A Dahua ANPR camera whose events we pull from its event stream: where, how to log in, which lane. */
export type DahuaStreamDevice = ReachableDevice & { readonly lane: DeviceLane };

/** Reads the cameras to attach to from the device registry (parameterised SQL only). */
export class DahuaStreamDeviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every enabled Dahua ANPR camera of every enterprise registered with event source `event-stream`,
   * an address and a login: a cross-tenant read for a system process, like the ONVIF supervisor's;
   * each device keeps its enterprise id and everything it emits carries it.
   */
  async listStreaming(): Promise<DahuaStreamDevice[]> {
    const devices = await queryReachableDevices(this.dataSource, {
      where: `AND d."vendor" = 'dahua' AND d."kind" = 'anpr-camera' AND d."event_source" = 'event-stream'
              AND d."enabled"`,
    });
    // An ANPR camera always has a lane (`CHK_devices_place`); the narrowing only tells the compiler.
    return devices.filter(hasLane);
  }
}
