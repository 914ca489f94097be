import { type DiscoveredDevice } from '@ecogate/onvif';
import { z } from 'zod';

/** The longest a caller may have the sweep wait for answers (the HTTP request waits as long). */
export const MAX_DISCOVERY_TIMEOUT_MS = 10_000;

export const discoveryRequestSchema = z.strictObject({
  /** How long answers are awaited after the last probe; default `ONVIF_DISCOVERY_TIMEOUT_MS`. */
  timeoutMs: z.number().int().min(100).max(MAX_DISCOVERY_TIMEOUT_MS).optional(),
});
export type DiscoveryRequest = z.infer<typeof discoveryRequestSchema>;

/** A device that answered, and which registered devices of the enterprise are at its address already. */
export interface DiscoveredDeviceView extends DiscoveredDevice {
  readonly alreadyRegistered: boolean;
  /** Ids of the enterprise's devices whose address is on this device's host. */
  readonly registeredAs: readonly string[];
}

export interface SiteDiscovery {
  readonly siteId: string;
  readonly networks: readonly string[];
  readonly probedHosts: number;
  readonly durationMs: number;
  readonly devices: readonly DiscoveredDeviceView[];
}
