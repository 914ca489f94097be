import { type DeviceNetworks } from '@ecogate/config';
import { type HealthSettings } from '../camera-status/camera-health';

export const ONVIF_SETTINGS = Symbol('ONVIF_SETTINGS');

export interface OnvifSettings extends HealthSettings {
  /** Supervise registered ONVIF cameras (health, drift, event-triggered snapshots). */
  readonly enabled: boolean;
  readonly pollIntervalMs: number;
  readonly requestTimeoutMs: number;
  /** How long a PullMessages may wait on the camera for an event. */
  readonly pullTimeoutMs: number;
  /** How often the device registry is re-read for added, changed or removed cameras. */
  readonly deviceRefreshMs: number;
  /** Where cameras may be reached: checked before every connection and snapshot. */
  readonly networks: DeviceNetworks;
}
