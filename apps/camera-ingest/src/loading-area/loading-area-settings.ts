import { type DeviceNetworks } from '@ecogate/config';

export const LOADING_AREA_SETTINGS = Symbol('LOADING_AREA_SETTINGS');

export interface LoadingAreaSettings {
  /** Take periodic snapshots of registered ONVIF loading-area cameras. */
  readonly enabled: boolean;
  /** One frame per camera per period: the longest a truck can stand in view unrecorded. */
  readonly snapshotPeriodMs: number;
  readonly requestTimeoutMs: number;
  /** How often the device registry is re-read for added, changed or removed cameras. */
  readonly deviceRefreshMs: number;
  /** Where cameras may be reached: checked before every connection and snapshot. */
  readonly networks: DeviceNetworks;
}
