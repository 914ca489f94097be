import { type Readable } from 'node:stream';

export interface BucketOptions {
  /** WORM: only possible when the bucket is created; implies versioning. */
  readonly objectLock?: boolean;
  /** `true` enables versioning; `false` or absent leaves an existing bucket as it is. */
  readonly versioning?: boolean;
}

export interface PutOptions {
  readonly contentType: string;
  /** User metadata: lower-case keys (a-z, 0-9, -), printable ASCII values, 2 KiB in all. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Byte length of a stream body, when known: lets the upload go in one request. */
  readonly size?: number;
}

export interface PutResult {
  readonly etag: string;
  /** `null` when the bucket is not versioned. */
  readonly versionId: string | null;
}

export interface VersionOptions {
  readonly versionId?: string;
}

export interface ObjectStat {
  readonly size: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly etag: string;
  readonly lastModified: Date;
  readonly versionId: string | null;
}

export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
}

export interface RemoveOptions extends VersionOptions {
  /** Deletes a version under GOVERNANCE retention (needs the permission); COMPLIANCE cannot be bypassed. */
  readonly bypassGovernance?: boolean;
}

export type RetentionMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface ObjectRetention {
  readonly mode: RetentionMode;
  readonly retainUntil: Date;
}

export interface DefaultRetention {
  readonly mode: RetentionMode;
  readonly days: number;
}

export interface ExpiryRule {
  readonly id: string;
  readonly prefix: string;
  readonly days: number;
}

/**
 * Object storage as the services need it: content-addressed images and video segments,
 * WORM retention for evidence. One interface, one adapter per backend (MinIO/S3 for now).
 * Every method throws `StorageError`s (`ObjectNotFoundError`, `StorageUnavailableError`, ...).
 */
export interface ObjectStorage {
  /** Creates the bucket when missing; resolves `created: false` when it already existed. */
  ensureBucket(bucket: string, options?: BucketOptions): Promise<{ created: boolean }>;
  /** Streams the body; a Buffer goes in one request. */
  put(bucket: string, key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult>;
  get(bucket: string, key: string, options?: VersionOptions): Promise<Readable>;
  stat(bucket: string, key: string, options?: VersionOptions): Promise<ObjectStat>;
  /** A URL anyone holding it can GET until it expires; the TTL is bounded by configuration. */
  presignedGetUrl(bucket: string, key: string, ttlSeconds: number, options?: VersionOptions): Promise<string>;
  /** Without a versionId on a versioned bucket this adds a delete marker; nothing is destroyed. */
  remove(bucket: string, key: string, options?: RemoveOptions): Promise<void>;
  /** Objects under `prefix`, recursively, in key order. */
  list(bucket: string, prefix: string): AsyncIterable<ObjectSummary>;

  /** Expires objects under `prefix` after `days` (and noncurrent versions as well); replaces that prefix's rule. */
  setExpiryDays(bucket: string, prefix: string, days: number): Promise<void>;
  getExpiryRules(bucket: string): Promise<ExpiryRule[]>;

  setObjectRetention(
    bucket: string,
    key: string,
    retention: ObjectRetention & VersionOptions & { readonly bypassGovernance?: boolean },
  ): Promise<void>;
  getObjectRetention(bucket: string, key: string, options?: VersionOptions): Promise<ObjectRetention | null>;
  setLegalHold(bucket: string, key: string, on: boolean, options?: VersionOptions): Promise<void>;
  getLegalHold(bucket: string, key: string, options?: VersionOptions): Promise<boolean>;
  /** Retention applied to every new version of an object-lock bucket. */
  setDefaultRetention(bucket: string, retention: DefaultRetention): Promise<void>;
  getDefaultRetention(bucket: string): Promise<DefaultRetention | null>;
}
