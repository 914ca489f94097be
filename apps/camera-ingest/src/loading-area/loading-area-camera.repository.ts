import { type DataSource } from '@ecogate/persistence';
import { queryReachableDevices, type ReachableDevice } from '../supervision/reachable-devices';

/**
 * A loading-area camera camera-ingest reaches itself. It is registered on a site, never a lane (the
 * site's time zone dates its object keys): nothing it sees is ever published as a lane read.
 */
export type LoadingAreaCamera = ReachableDevice;

/** The kind of device whose frames are loading-area sightings, never lane reads. */
export const LOADING_AREA_CAMERA = 'loading-area-camera';

/** Reads ONVIF loading-area cameras from the device registry (parameterised SQL only). */
export class LoadingAreaCameraRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every enabled one of every enterprise (a system process; each keeps its enterprise id). */
  listEnabled(): Promise<LoadingAreaCamera[]> {
    return queryReachableDevices(this.dataSource, {
      where: `AND d."vendor" = 'onvif' AND d."kind" = $1 AND d."enabled"`,
      parameters: [LOADING_AREA_CAMERA],
    });
  }
}
