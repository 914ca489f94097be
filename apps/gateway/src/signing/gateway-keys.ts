import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GATEWAY_ISSUER, TokenSigner } from '@ecogate/auth';
import { type JSONWebKeySet } from 'jose';

export interface SigningSettings {
  readonly keyFile: string;
  readonly kid: string;
  readonly accessTokenSeconds: number;
  /** The key being retired: its public half stays in the JWKS while its tokens may still live. */
  readonly previous?: { readonly publicKeyFile: string; readonly kid: string };
}

export interface GatewayKeys {
  readonly signer: TokenSigner;
  readonly jwks: JSONWebKeySet;
}

/** The signing key and the JWKS the internal listener publishes (current key first). */
export async function loadGatewayKeys(settings: SigningSettings): Promise<GatewayKeys> {
  const signer = await TokenSigner.fromPem(readFileSync(settings.keyFile, 'utf8'), {
    kid: settings.kid,
    issuer: GATEWAY_ISSUER,
    lifetimeSeconds: settings.accessTokenSeconds,
  });
  const keys = [await signer.publicJwk()];
  if (settings.previous) {
    const jwk = createPublicKey(readFileSync(settings.previous.publicKeyFile, 'utf8')).export({
      format: 'jwk',
    });
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256')
      throw new Error('GATEWAY_PREVIOUS_PUBLIC_KEY_FILE: not a P-256 public key');
    keys.push({
      kty: 'EC',
      crv: 'P-256',
      x: jwk.x,
      y: jwk.y,
      kid: settings.previous.kid,
      alg: 'ES256',
      use: 'sig',
    });
  }
  return { signer, jwks: { keys } };
}
