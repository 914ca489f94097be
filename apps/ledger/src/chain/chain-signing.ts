import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Signs and checks daily roots with the cluster's Ed25519 key; the private half is never logged. */
export interface ChainSigner {
  readonly keyId: string;
  /** The public half (SPKI PEM): what a reader of an export checks the roots with. */
  readonly publicKeyPem: string;
  sign(message: string): string;
  verify(message: string, signature: string): boolean;
}

export class ChainKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainKeyError';
  }
}

/** The signer of a PKCS8 PEM Ed25519 private key (`LEDGER_CHAIN_SIGNING_KEY_FILE`). */
export function chainSignerFromPem(pem: string, keyId: string): ChainSigner {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new ChainKeyError('LEDGER_CHAIN_SIGNING_KEY_FILE: not a PEM private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ChainKeyError(
      `LEDGER_CHAIN_SIGNING_KEY_FILE: an Ed25519 key is needed, not ${privateKey.asymmetricKeyType}`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return chainSigner(keyId, publicKey, privateKey);
}

export function chainSignerFromFile(file: string, keyId: string): ChainSigner {
  return chainSignerFromPem(readFileSync(file, 'utf8'), keyId);
}

function chainSigner(keyId: string, publicKey: KeyObject, privateKey: KeyObject): ChainSigner {
  return {
    keyId,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
    verify: (message, signature) => {
      try {
        return verify(null, Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}
