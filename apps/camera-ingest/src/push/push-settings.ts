/** Limits of the push receivers, from config. */
export interface PushSettings {
  readonly maxBodyBytes: number;
  readonly maxImageBytes: number;
  readonly maxTextBytes: number;
  readonly bucket: string;
  /** Reverse proxies whose X-Forwarded-For is believed (IPs/CIDRs). */
  readonly trustedProxies: readonly string[];
}

export const PUSH_SETTINGS = Symbol('PUSH_SETTINGS');
