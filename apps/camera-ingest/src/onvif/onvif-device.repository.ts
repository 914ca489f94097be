import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { queryReachableDevices, type ReachableDevice } from '../supervision/reachable-devices';

/** An ONVIF camera as its supervisor needs it: where, how to log in, which lane it watches. */
export type OnvifDevice = ReachableDevice;

const ONVIF = `AND d."vendor" = 'onvif'`;

/** Reads ONVIF cameras from the device registry (parameterised SQL only). */
export class OnvifDeviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every enabled ONVIF camera of every enterprise: the one cross-tenant read, for the supervisor
   * (a system process); each device keeps its enterprise id and everything it emits carries it.
   */
  listSupervised(): Promise<OnvifDevice[]> {
    return queryReachableDevices(this.dataSource, { where: `${ONVIF} AND d."enabled"` });
  }

  /** One enterprise's ONVIF camera (enabled or not), or null. */
  async findOne(enterpriseId: EnterpriseId, deviceId: string): Promise<OnvifDevice | null> {
    const [device] = await queryReachableDevices(this.dataSource, {
      where: `${ONVIF} AND d."enterprise_id" = $1 AND d."id" = $2`,
      parameters: [enterpriseId, deviceId],
    });
    return device ?? null;
  }
}
