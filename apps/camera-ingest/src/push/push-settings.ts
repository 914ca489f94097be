/** Limits of the push receivers, from config. */
export interface PushSettings {
  readonly maxBodyBytes: number;
  readonly maxImageBytes: number;
  readonly maxTextBytes: number;
  readonly bucket: string;
  /** Reverse proxies whose X-Forwarded-For is believed (IPs/CIDRs). */
  readonly trustedProxies: readonly string[];
  /**
   * How long a re-push waits for an attempt of the same capture that is still in flight (then 503
   * with Retry-After): a duplicate is acknowledged only once the original is stored.
   */
  readonly inFlightWaitMs: number;
}

export const PUSH_SETTINGS = Symbol('PUSH_SETTINGS');
