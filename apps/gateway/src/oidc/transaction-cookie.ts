import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** What one sign-on keeps between the redirect to the provider and the callback. */
export interface SignOnTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
  /** Epoch milliseconds after which the callback is refused. */
  readonly expiresAt: number;
}

const transactionSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  returnTo: z.string(),
  expiresAt: z.number(),
});

/**
 * Seals the transaction into the cookie (AES-256-GCM): the browser carries it, cannot read the PKCE
 * verifier or nonce, and cannot alter anything without the open failing. No server-side state, so
 * any gateway replica can finish a sign-on another one started.
 */
export class TransactionSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the transaction key must have at least 32 characters');
    this.key = createHash('sha256').update('ecogate-oidc-transaction\0').update(secret).digest();
  }

  seal(transaction: SignOnTransaction): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(transaction), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The transaction, or undefined when the cookie was altered, sealed with another key, or expired. */
  open(sealed: string, now = Date.now()): SignOnTransaction | undefined {
    try {
      const raw = Buffer.from(sealed, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const parsed = transactionSchema.safeParse(JSON.parse(text));
      if (!parsed.success || parsed.data.expiresAt < now) return undefined;
      return parsed.data;
    } catch {
      return undefined;
    }
  }
}
