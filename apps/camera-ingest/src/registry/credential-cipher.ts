import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface DeviceCredentials {
  readonly username: string;
  readonly password: string;
}

const VERSION = 'v1';

/**
 * AES-256-GCM for device logins at rest. The device id is the additional authenticated data,
 * so a ciphertext copied onto another device's row does not decrypt.
 */
export class CredentialCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The credentials key must be 32 bytes');
  }

  encrypt(deviceId: string, credentials: DeviceCredentials): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(deviceId, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
      .join(':');
  }

  decrypt(deviceId: string, sealed: string): DeviceCredentials {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined)
      throw new Error('Unknown credentials format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(deviceId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString(
      'utf8',
    );
    return JSON.parse(text) as DeviceCredentials;
  }
}
