import { type HttpDigestChallenge } from './http-digest-challenge';
import { NS } from './namespaces';
import { type OperationSpec } from './onvif-operations';
import { type AuthMethods } from './onvif-quirks';
import { type DeviceAccount, type UsernameToken, type UsernameTokenVerifier } from './ws-username-token';

/** `challenge`/`stale`: 401 with a (stale) digest challenge; `refused`: 400 ter:NotAuthorized. */
export type AuthOutcome = 'ok' | 'challenge' | 'stale' | 'refused';

export interface Credentials {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly token?: UsernameToken;
}

/**
 * Authenticates a SOAP request as ONVIF Core §5.9.1 has a device do it: HTTP Digest and/or the
 * WS-UsernameToken (per the camera's quirks); with both present the HTTP level is checked first,
 * then the WS level. A request without credentials for an operation that needs a login gets 401
 * (with a digest challenge) when the device speaks HTTP Digest, else 400 ter:NotAuthorized.
 * Credentials that are present are checked even for PRE_AUTH operations: a wrong one is refused.
 */
export class SoapAuthenticator {
  constructor(
    private readonly methods: AuthMethods,
    private readonly digest: HttpDigestChallenge,
    private readonly tokens: UsernameTokenVerifier,
    private readonly account: () => DeviceAccount,
    private readonly deviceNow: () => Date,
  ) {}

  check(spec: OperationSpec, credentials: Credentials): AuthOutcome {
    // GetSystemDateAndTime is how a client learns the device clock before it can build a token
    // whose Created the device accepts; a stale token there must not lock it out, so none is checked.
    if (spec.ns === NS.tds && spec.name === 'GetSystemDateAndTime') return 'ok';
    let authenticated = false;
    // A device without HTTP Digest ignores an Authorization header, as any web server would.
    if (this.methods.httpDigest && credentials.authorization !== undefined) {
      const verdict = this.digest.verify(credentials.method, credentials.url, credentials.authorization);
      if (verdict === 'stale') return 'stale';
      if (verdict !== 'ok') return 'challenge';
      authenticated = true;
    }
    // A device without WS-Security does not read the token (http-digest-only quirk); a mandatory
    // Security header then gets env:MustUnderstand once authentication is done.
    if (this.methods.usernameToken && credentials.token) {
      if (this.tokens.verify(credentials.token, this.account(), this.deviceNow()) !== 'ok') return 'refused';
      authenticated = true;
    }
    if (authenticated || spec.preAuth) return 'ok';
    return this.methods.httpDigest ? 'challenge' : 'refused';
  }
}
