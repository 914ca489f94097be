import { type Secret } from '@ecogate/config';
import {
  appIdSchema,
  canonicalString,
  nonceSchema,
  signatureSchema,
  type SignMethod,
  signMethodSchema,
  timestampSchema,
  timestampSkewOutsideWindow,
  verify,
} from '@ecogate/platform-protocol';
import { type z } from 'zod';
import { PlatformException } from '../errors/platform.exception';
import { type NonceCache } from '../state/nonce-cache';
import { type SimulatorStats } from '../state/simulator-stats';

/** The signed fields as received, before any check. */
export interface Credentials {
  appId?: string;
  timestamp?: string;
  nonce?: string;
  signMethod?: string;
  signature?: string;
}

type Field = keyof Credentials;

/** How each field is named to the client: HTTP headers or TCP frame fields. */
const LABELS: Record<'http' | 'tcp', Record<Field, string>> = {
  http: {
    appId: 'X-App-Id',
    timestamp: 'X-Timestamp',
    nonce: 'X-Nonce',
    signMethod: 'X-Sign-Method',
    signature: 'X-Signature',
  },
  tcp: {
    appId: 'appId',
    timestamp: 'timestamp',
    nonce: 'nonce',
    signMethod: 'signMethod',
    signature: 'signature',
  },
};

const FIELD_SCHEMAS: Record<Field, z.ZodType<string>> = {
  appId: appIdSchema,
  timestamp: timestampSchema,
  nonce: nonceSchema,
  signMethod: signMethodSchema,
  signature: signatureSchema,
};

export interface AuthenticatorSettings {
  apps: ReadonlyMap<string, Secret>;
  signMethods: readonly SignMethod[];
  timestampWindowMs: number;
}

/**
 * Checks a request's credentials in the order that gives the client the most useful answer and
 * never burns a nonce for a forged request: fields present and well-formed, method allowed, app
 * known, timestamp in the window, signature, and only then the nonce (replay).
 */
export class RequestAuthenticator {
  constructor(
    private readonly settings: AuthenticatorSettings,
    private readonly nonces: NonceCache,
    private readonly stats: SimulatorStats,
  ) {}

  /** The authenticated appId; throws a 401-family `PlatformException` otherwise. */
  authenticate(
    via: 'http' | 'tcp',
    credentials: Credentials,
    body: string | Uint8Array,
    nowMs: number,
  ): string {
    try {
      return this.#check(LABELS[via], credentials, body, nowMs);
    } catch (error) {
      if (error instanceof PlatformException) this.stats.unauthorized += 1;
      throw error;
    }
  }

  #check(
    labels: Record<Field, string>,
    credentials: Credentials,
    body: string | Uint8Array,
    nowMs: number,
  ): string {
    const fields = {} as Record<Field, string>;
    for (const field of Object.keys(FIELD_SCHEMAS) as Field[]) {
      const value = credentials[field];
      if (value === undefined || value === '') {
        throw new PlatformException('invalid-credentials', `${labels[field]} is missing`);
      }
      const parsed = FIELD_SCHEMAS[field].safeParse(value);
      if (!parsed.success) {
        const problem = parsed.error.issues[0]?.message ?? 'is invalid';
        const error = field === 'signMethod' ? 'unsupported-sign-method' : 'invalid-credentials';
        throw new PlatformException(error, `${labels[field]} ${problem}`);
      }
      fields[field] = parsed.data;
    }
    const method = fields.signMethod as SignMethod;
    if (!this.settings.signMethods.includes(method)) {
      throw new PlatformException(
        'unsupported-sign-method',
        `${labels.signMethod} ${method} is not enabled on this platform (enabled: ${this.settings.signMethods.join(', ')})`,
      );
    }
    const secret = this.settings.apps.get(fields.appId);
    if (!secret)
      throw new PlatformException('unknown-app', `${labels.appId} "${fields.appId}" is not a registered app`);

    const skew = timestampSkewOutsideWindow(fields.timestamp, nowMs, this.settings.timestampWindowMs);
    if (skew !== undefined) {
      const seconds = Math.round(Math.abs(skew) / 1000);
      throw new PlatformException(
        'stale-timestamp',
        `${labels.timestamp} is ${seconds} s ${skew < 0 ? 'behind' : 'ahead of'} the platform clock ` +
          `(allowed ±${this.settings.timestampWindowMs / 1000} s); re-sign with the current time`,
      );
    }

    const parts = { appId: fields.appId, timestamp: fields.timestamp, nonce: fields.nonce, body };
    if (!verify(method, secret.reveal(), parts, fields.signature)) {
      // The canonical string holds no secret; showing it lets an adapter author find the difference.
      throw new PlatformException(
        'bad-signature',
        `${labels.signature} does not match: expected ${method} over "${canonicalString(parts)}" with the app's secret`,
      );
    }
    if (!this.nonces.remember(fields.appId, fields.nonce, nowMs)) {
      throw new PlatformException(
        'replayed-nonce',
        `${labels.nonce} "${fields.nonce}" was already used; sign each request with a new nonce`,
      );
    }
    return fields.appId;
  }
}
