/** Documented behaviours of real cameras a simulated device can be switched to, one set per camera. */
export const ONVIF_QUIRKS = ['http-digest-only', 'ws-security-only', 'clock-far-off'] as const;
export type OnvifQuirk = (typeof ONVIF_QUIRKS)[number];

export const QUIRK_DESCRIPTIONS: Readonly<Record<OnvifQuirk, string>> = {
  'http-digest-only':
    'SOAP requests authenticate with HTTP Digest only; WS-Security is not spoken (a mandatory wsse:Security header gets env:MustUnderstand, an optional one is ignored)',
  'ws-security-only':
    'SOAP requests authenticate with WS-UsernameToken only; no HTTP Digest (no credentials → 400 ter:NotAuthorized)',
  'clock-far-off':
    'the device clock restarted at 2000-01-01T00:00:00Z (a power loss without a clock battery): tokens must use the device clock',
};

/** Where the device clock of a `clock-far-off` camera starts. */
export const FAR_OFF_CLOCK_START = Date.UTC(2000, 0, 1);

export interface AuthMethods {
  readonly usernameToken: boolean;
  readonly httpDigest: boolean;
}

/** Which SOAP authentication methods a camera with these quirks accepts (strict: both, ONVIF Core §5.9.1). */
export function authMethods(quirks: readonly OnvifQuirk[]): AuthMethods {
  if (quirks.includes('http-digest-only') && quirks.includes('ws-security-only')) {
    throw new Error('quirks http-digest-only and ws-security-only exclude each other');
  }
  return {
    usernameToken: !quirks.includes('http-digest-only'),
    httpDigest: !quirks.includes('ws-security-only'),
  };
}

/** `"http-digest-only,clock-far-off"` (a flag or an environment variable) → quirks; unknown names throw. */
export function parseQuirks(text: string | undefined): OnvifQuirk[] {
  const names = (text ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== 'strict');
  for (const name of names) {
    if (!(ONVIF_QUIRKS as readonly string[]).includes(name)) {
      throw new Error(`unknown ONVIF quirk '${name}' (known: strict, ${ONVIF_QUIRKS.join(', ')})`);
    }
  }
  const quirks = names as OnvifQuirk[];
  authMethods(quirks);
  return quirks;
}
