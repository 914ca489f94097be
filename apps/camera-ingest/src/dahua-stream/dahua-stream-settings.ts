import { type DeviceNetworks } from '@ecogate/config';

export const DAHUA_STREAM_SETTINGS = Symbol('DAHUA_STREAM_SETTINGS');

/** The Dahua event stream pull source (`DAHUA_EVENT_STREAM_*`). */
export interface DahuaStreamSettings {
  /** Keep an attach open to every Dahua ANPR camera registered with event source `event-stream`. */
  readonly enabled: boolean;
  /** The heartbeat asked of the camera; the watchdog drops a stream silent for 2.5 times as long. */
  readonly heartbeatSeconds: number;
  /** For the connection and the attach answer's headers. */
  readonly connectTimeoutMs: number;
  /** Reconnect delays: doubling from the first to the most, each with jitter. */
  readonly reconnectMinMs: number;
  readonly reconnectMaxMs: number;
  /** Failed attaches (or broken streams) in a row before the camera is reported offline. */
  readonly offlineAfterFailures: number;
  /** How long an event waits for its plate picture after the scene before it is taken as it is. */
  readonly eventSettleMs: number;
  /** How often the device registry is re-read for added, changed or removed cameras. */
  readonly deviceRefreshMs: number;
  /** Where cameras may be reached: checked before every connection. */
  readonly networks: DeviceNetworks;
}

/** Silence tolerated on a stream, in heartbeats: one late heartbeat is no outage, two and a half are. */
export const WATCHDOG_HEARTBEATS = 2.5;
