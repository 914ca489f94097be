import { type VendorColour, type VendorPlateType } from '@ecogate/domain';

/** Vendors whose cameras push plate reads to us; one adapter folder each. */
export const PUSH_VENDORS = ['hikvision', 'vzenith', 'dahua'] as const;
export type PushVendor = (typeof PUSH_VENDORS)[number];

/** Vendors whose camera lifts the barrier on our HTTP reply; only their pushes ask for a decision. */
export const REPLY_DRIVES_BARRIER: ReadonlySet<PushVendor> = new Set<PushVendor>(['vzenith']);

export const isPushVendor = (value: string): value is PushVendor =>
  (PUSH_VENDORS as readonly string[]).includes(value);

export interface PushImage {
  readonly bytes: Buffer;
  readonly contentType: 'image/jpeg';
}

/**
 * An optional vendor value we could not take as sent (out of range, another scale, wrong type):
 * normalised or dropped, never a reason to refuse a read that has its plate and pictures.
 */
export interface PushAnomaly {
  /** The vendor's field path, e.g. `Object.Confidence`. */
  readonly field: string;
  /** The value as sent, JSON-encoded and cut to 32 characters. */
  readonly raw: string;
  /** What was done with it, e.g. `rescaled-0-255`, `clamped`, `not-a-number`, `ignored`. */
  readonly rule: string;
}

/** One plate read as a camera pushed it, validated and with its vendor tokens normalised. */
export interface AnprPush {
  readonly vendor: PushVendor;
  /** The vendor's own idempotency key (never plate + time): a re-push carries the same one. */
  readonly idempotencyKey: string;
  readonly capturedAt: Date;
  /** Plate text exactly as the camera read it. */
  readonly plateText: string;
  readonly colour: VendorColour;
  readonly plateType: VendorPlateType;
  /** 0..1, normalised from the vendor's scale (see `vendor-values.ts`). */
  readonly confidence: number;
  /** A record the camera stored while we were unreachable and sends again now. */
  readonly offline: boolean;
  readonly images: { readonly scene?: PushImage; readonly plate?: PushImage };
  /** Optional values that were out of range or shape, with their raw value; none for a clean push. */
  readonly anomalies?: readonly PushAnomaly[];
  /**
   * The payload as received (images excluded for multipart; the event part of a Dahua event
   * stream), kept in object storage for audits.
   */
  readonly raw: {
    readonly bytes: Buffer;
    readonly contentType: string;
    readonly ext: 'xml' | 'json' | 'txt';
  };
}

export interface PushLimits {
  readonly maxImageBytes: number;
  /** For the text part of a multipart push (XML). */
  readonly maxTextBytes: number;
}

/** What we answer the camera; for some vendors the answer drives the barrier. */
export interface PushReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export type PushOutcome =
  | { readonly kind: 'accepted'; readonly openBarrier: boolean }
  | { readonly kind: 'duplicate'; readonly openBarrier: false };

/**
 * One implementation per vendor: parse what identifies and proves a read strictly (throw
 * `IngestException`), normalise optional values and flag oddities (`anomalies`), answer in the vendor's words.
 */
export interface AnprPushAdapter {
  readonly vendor: PushVendor;
  parse(contentType: string, body: Buffer, limits: PushLimits): Promise<AnprPush>;
  reply(outcome: PushOutcome): PushReply;
}

export const ANPR_PUSH_ADAPTERS = Symbol('ANPR_PUSH_ADAPTERS');
