import { type PersonRole } from '@ecogate/auth';

/** Who a city's identity provider says signed in, mapped to an Ecogate role by the role map. */
export interface ExternalIdentity {
  /** The provider's issuer URL; with `subject` the stable key of the person. */
  readonly issuer: string;
  /** The ID token's `sub`, as the provider gave it. */
  readonly subject: string;
  /** Login name for audit records (`preferred_username` by default, else `sub`). */
  readonly username: string;
  readonly displayName: string;
  readonly role: PersonRole;
  /** For enterprise roles: the Ecogate enterprise id from the mapped claim. */
  readonly enterpriseId?: string;
  /** For inspectors: administrative division codes. */
  readonly districts: readonly string[];
}

export type SignOnRefusalCode =
  | 'sso-disabled'
  | 'invalid-return-to'
  | 'invalid-transaction'
  | 'invalid-callback'
  | 'no-role'
  | 'missing-claim'
  | 'unknown-enterprise'
  | 'provider-unavailable';

/** A sign-on that did not produce an identity: `reason` is for the person and the audit record. */
export class SignOnRefused extends Error {
  constructor(
    readonly code: SignOnRefusalCode,
    message: string,
    /** Who the provider said it was, when the refusal came after a valid ID token (for the audit). */
    readonly claimed?: { readonly issuer: string; readonly subject: string; readonly username: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SignOnRefused';
  }
}

/** HTTP status of each refusal, for the gateway's `CodedErrorFilter` table. */
export const SIGN_ON_ERROR_STATUS: Readonly<Record<SignOnRefusalCode, number>> = {
  'sso-disabled': 404,
  'invalid-return-to': 400,
  'invalid-transaction': 400,
  'invalid-callback': 400,
  'no-role': 403,
  'missing-claim': 403,
  'unknown-enterprise': 403,
  'provider-unavailable': 503,
};
