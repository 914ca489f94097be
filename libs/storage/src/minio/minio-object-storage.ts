import { type Readable } from 'node:stream';
import { type BucketItem, Client, type LifecycleRule, type ObjectLockInfo } from 'minio';
import {
  type BucketOptions,
  type DefaultRetention,
  type ExpiryRule,
  type ObjectRetention,
  type ObjectStat,
  type ObjectStorage,
  type ObjectSummary,
  type PutOptions,
  type PutResult,
  type RemoveOptions,
  type RetentionMode,
  type VersionOptions,
} from '../object-storage';
import { StorageError } from '../storage-errors';
import { mapMinioError, type StorageErrorContext } from './minio-error-mapper';
import { type MinioStorageConfigInput, parseMinioStorageConfig } from './minio-storage-config';

// Headers S3 reports next to user metadata; a user key must not collide with them.
const RESERVED_METADATA_KEYS = new Set([
  'content-type',
  'cache-control',
  'content-encoding',
  'content-disposition',
  'content-language',
  'expires',
  'if-match',
  'if-none-match',
]);
const METADATA_KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;
const METADATA_VALUE = /^[\x20-\x7e]*$/;
const METADATA_MAX_BYTES = 2048;
const META_PREFIX = 'x-amz-meta-';
const MAX_EXPIRY_DAYS = 36_500;
const PART_SIZE_BYTES = 16 * 1024 * 1024;

/** `ObjectStorage` on MinIO (or any S3-compatible service) through the official minio client. */
export class MinioObjectStorage implements ObjectStorage {
  private readonly client: Client;
  private readonly region: string;
  private readonly maxPresignedTtlSeconds: number;

  constructor(config: MinioStorageConfigInput) {
    const settings = parseMinioStorageConfig(config);
    this.region = settings.region;
    this.maxPresignedTtlSeconds = settings.maxPresignedTtlSeconds;
    this.client = new Client({
      endPoint: settings.endPoint,
      port: settings.port,
      useSSL: settings.useSSL,
      accessKey: settings.accessKey,
      secretKey: settings.secretKey,
      // A fixed region spares a bucket-location request before the first call and when presigning.
      region: settings.region,
      pathStyle: true,
      // Without a fixed part size, a stream of unknown length is cut into ~550 MB parts (5 TiB / 10,000)
      // buffered in memory; 16 MiB parts bound memory per upload and still allow 160 GB objects.
      partSize: PART_SIZE_BYTES,
    });
  }

  async ensureBucket(bucket: string, options: BucketOptions = {}): Promise<{ created: boolean }> {
    const context = { operation: 'ensureBucket', bucket };
    let created = false;
    await this.call(context, async () => {
      if (await this.client.bucketExists(bucket)) return;
      try {
        await this.client.makeBucket(bucket, this.region, { ObjectLocking: options.objectLock === true });
        created = true;
      } catch (error) {
        // Another replica created it between our check and our create.
        if ((error as { code?: unknown }).code !== 'BucketAlreadyOwnedByYou') throw error;
      }
    });
    if (!created && options.objectLock === true && !(await this.objectLockEnabled(bucket))) {
      throw new StorageError(
        'bucket-conflict',
        `Bucket ${bucket} exists without object lock, which can only be enabled when a bucket is created`,
      );
    }
    // Object lock already turned versioning on at creation.
    if (options.versioning === true && !(created && options.objectLock === true)) {
      await this.call(context, () => this.client.setBucketVersioning(bucket, { Status: 'Enabled' }));
    }
    return { created };
  }

  async put(bucket: string, key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult> {
    const headers: Record<string, string> = {
      'Content-Type': options.contentType,
      ...metadataHeaders(options.metadata),
    };
    const size = Buffer.isBuffer(body) ? body.length : options.size;
    const result = await this.call({ operation: 'put', bucket, key }, () =>
      this.client.putObject(bucket, key, body, size, headers),
    );
    return { etag: result.etag, versionId: result.versionId ?? null };
  }

  get(bucket: string, key: string, options: VersionOptions = {}): Promise<Readable> {
    return this.call({ operation: 'get', bucket, key }, () =>
      this.client.getObject(bucket, key, versionOpts(options)),
    );
  }

  async stat(bucket: string, key: string, options: VersionOptions = {}): Promise<ObjectStat> {
    const stat = await this.call({ operation: 'stat', bucket, key }, () =>
      this.client.statObject(bucket, key, versionOpts(options)),
    );
    const headers = stat.metaData as Record<string, unknown>;
    return {
      size: stat.size,
      contentType: stringHeader(headers, 'content-type') ?? 'application/octet-stream',
      metadata: userMetadata(headers),
      etag: stat.etag,
      lastModified: stat.lastModified,
      versionId: stat.versionId ?? null,
    };
  }

  async presignedGetUrl(
    bucket: string,
    key: string,
    ttlSeconds: number,
    options: VersionOptions = {},
  ): Promise<string> {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > this.maxPresignedTtlSeconds) {
      throw new StorageError(
        'invalid-argument',
        `Presigned URL TTL must be a whole number of seconds between 1 and ${this.maxPresignedTtlSeconds}`,
      );
    }
    const query: Record<string, string> =
      options.versionId === undefined ? {} : { versionId: options.versionId };
    return this.call({ operation: 'presignedGetUrl', bucket, key }, () =>
      this.client.presignedGetObject(bucket, key, ttlSeconds, query),
    );
  }

  async remove(bucket: string, key: string, options: RemoveOptions = {}): Promise<void> {
    await this.call({ operation: 'remove', bucket, key }, () =>
      this.client.removeObject(bucket, key, {
        ...versionOpts(options),
        ...(options.bypassGovernance === true ? { governanceBypass: true } : {}),
      }),
    );
  }

  async *list(bucket: string, prefix: string): AsyncIterable<ObjectSummary> {
    const context = { operation: 'list', bucket };
    try {
      for await (const item of this.client.listObjectsV2(bucket, prefix, true) as AsyncIterable<BucketItem>) {
        if (item.name === undefined) continue;
        yield { key: item.name, size: item.size, etag: item.etag, lastModified: item.lastModified };
      }
    } catch (error) {
      throw mapMinioError(error, context);
    }
  }

  async setExpiryDays(bucket: string, prefix: string, days: number): Promise<void> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) {
      throw new StorageError(
        'invalid-argument',
        `Expiry must be a whole number of days between 1 and ${MAX_EXPIRY_DAYS}`,
      );
    }
    if (prefix.split('/').some((part) => part === '..' || part === '.')) {
      throw new StorageError('invalid-argument', `Invalid lifecycle prefix ${JSON.stringify(prefix)}`);
    }
    const id = expiryRuleId(prefix);
    // Read-modify-write: rules for other prefixes stay. Lifecycle changes are rare admin actions.
    const others = (await this.lifecycleRules(bucket)).filter((rule) => rule.ID !== id);
    const rule: LifecycleRule = {
      ID: id,
      Status: 'Enabled',
      Filter: { Prefix: prefix },
      Expiration: { Days: days },
      // On a versioned bucket expiry only adds a delete marker; this frees the old versions too.
      NoncurrentVersionExpiration: { NoncurrentDays: days },
    } as LifecycleRule;
    await this.call({ operation: 'setExpiryDays', bucket }, () =>
      this.client.setBucketLifecycle(bucket, { Rule: [...others, rule] }),
    );
  }

  async getExpiryRules(bucket: string): Promise<ExpiryRule[]> {
    const rules = await this.lifecycleRules(bucket);
    return rules.flatMap((rule) => {
      const days = Number(rule.Expiration?.Days);
      if (!Number.isFinite(days) || days <= 0) return [];
      const filter = rule.Filter as { Prefix?: unknown } | undefined;
      const prefix = filter?.Prefix ?? rule.Prefix ?? '';
      return [{ id: String(rule.ID), prefix: typeof prefix === 'string' ? prefix : String(prefix), days }];
    });
  }

  async setObjectRetention(
    bucket: string,
    key: string,
    retention: ObjectRetention & VersionOptions & { readonly bypassGovernance?: boolean },
  ): Promise<void> {
    await this.call({ operation: 'setObjectRetention', bucket, key }, () =>
      this.client.putObjectRetention(bucket, key, {
        versionId: retention.versionId ?? '',
        mode: retention.mode,
        retainUntilDate: retention.retainUntil.toISOString(),
        ...(retention.bypassGovernance === true ? { governanceBypass: true } : {}),
      }),
    );
  }

  async getObjectRetention(
    bucket: string,
    key: string,
    options: VersionOptions = {},
  ): Promise<ObjectRetention | null> {
    const info = await this.call({ operation: 'getObjectRetention', bucket, key }, () =>
      this.client
        .getObjectRetention(bucket, key, { versionId: options.versionId ?? '' })
        .catch(nullWhenNoLockConfig),
    );
    if (!info?.mode || !info.retainUntilDate) return null;
    return { mode: info.mode, retainUntil: new Date(info.retainUntilDate) };
  }

  async setLegalHold(bucket: string, key: string, on: boolean, options: VersionOptions = {}): Promise<void> {
    await this.call({ operation: 'setLegalHold', bucket, key }, () =>
      asPromise<void>(
        this.client.setObjectLegalHold(bucket, key, { ...versionOpts(options), status: on ? 'ON' : 'OFF' }),
      ),
    );
  }

  async getLegalHold(bucket: string, key: string, options: VersionOptions = {}): Promise<boolean> {
    const status = await this.call({ operation: 'getLegalHold', bucket, key }, () =>
      this.client
        .getObjectLegalHold(bucket, key, { versionId: options.versionId ?? '' })
        .catch(nullWhenNoLockConfig),
    );
    // Typed as the status string, but the client returns the parsed <LegalHold> element.
    const value: unknown = status;
    const text = typeof value === 'object' && value !== null ? (value as { Status?: unknown }).Status : value;
    return text === 'ON';
  }

  async setDefaultRetention(bucket: string, retention: DefaultRetention): Promise<void> {
    if (!Number.isInteger(retention.days) || retention.days < 1 || retention.days > MAX_EXPIRY_DAYS) {
      throw new StorageError(
        'invalid-argument',
        `Retention must be a whole number of days between 1 and ${MAX_EXPIRY_DAYS}`,
      );
    }
    await this.call({ operation: 'setDefaultRetention', bucket }, () =>
      asPromise<void>(
        this.client.setObjectLockConfig(bucket, {
          mode: retention.mode,
          unit: 'Days',
          validity: retention.days,
        }),
      ),
    );
  }

  async getDefaultRetention(bucket: string): Promise<DefaultRetention | null> {
    const config = await this.call({ operation: 'getDefaultRetention', bucket }, () =>
      asPromise<ObjectLockInfo>(this.client.getObjectLockConfig(bucket)).catch(nullWhenNoLockConfig),
    );
    if (config === null || !('mode' in config) || !config.mode || !config.validity) return null;
    const days = config.unit === 'Years' ? config.validity * 365 : config.validity;
    return { mode: config.mode as RetentionMode, days };
  }

  private async objectLockEnabled(bucket: string): Promise<boolean> {
    const config = await this.call({ operation: 'ensureBucket', bucket }, () =>
      asPromise<ObjectLockInfo>(this.client.getObjectLockConfig(bucket)).catch(nullWhenNoLockConfig),
    );
    return config !== null && 'objectLockEnabled' in config && config.objectLockEnabled === 'Enabled';
  }

  private async lifecycleRules(bucket: string): Promise<LifecycleRule[]> {
    const config = await this.call({ operation: 'getLifecycle', bucket }, () =>
      this.client.getBucketLifecycle(bucket).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === 'NoSuchLifecycleConfiguration') return null;
        throw error;
      }),
    );
    const rules: unknown = config?.Rule;
    // The XML parser gives an object, not an array, when there is one rule.
    if (rules === undefined || rules === null) return [];
    return (Array.isArray(rules) ? rules : [rules]) as LifecycleRule[];
  }

  private async call<T>(context: StorageErrorContext, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw mapMinioError(error, context);
    }
  }
}

/** Some minio methods are async but typed `void` (callback-era overloads come first). */
function asPromise<T>(value: unknown): Promise<T> {
  return value as Promise<T>;
}

function versionOpts(options: VersionOptions): { versionId?: string } {
  return options.versionId === undefined ? {} : { versionId: options.versionId };
}

function expiryRuleId(prefix: string): string {
  return prefix === '' ? 'expire-all' : `expire-${prefix}`.slice(0, 255);
}

/** Retention, legal hold and lock config reads fail with this code when none was ever set. */
function nullWhenNoLockConfig(error: unknown): null {
  const code = (error as { code?: unknown }).code;
  if (code === 'NoSuchObjectLockConfiguration' || code === 'ObjectLockConfigurationNotFoundError')
    return null;
  throw error;
}

function metadataHeaders(metadata: Readonly<Record<string, string>> = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  let bytes = 0;
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(key) || RESERVED_METADATA_KEYS.has(key)) {
      throw new StorageError(
        'invalid-argument',
        `Invalid metadata key ${JSON.stringify(key)}: use a-z, 0-9 and -`,
      );
    }
    // Metadata travels as HTTP headers: encode non-ASCII text (e.g. a plate) before passing it.
    if (typeof value !== 'string' || !METADATA_VALUE.test(value)) {
      throw new StorageError('invalid-argument', `Metadata ${key} must be printable ASCII (encode it first)`);
    }
    bytes += key.length + value.length;
    headers[`${META_PREFIX}${key}`] = value;
  }
  if (bytes > METADATA_MAX_BYTES) {
    throw new StorageError('invalid-argument', `Metadata is ${bytes} bytes; S3 allows ${METADATA_MAX_BYTES}`);
  }
  return headers;
}

function stringHeader(headers: Record<string, unknown>, name: string): string | undefined {
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : undefined;
}

/** The client strips `x-amz-meta-` and mixes user keys with standard headers: keep the user's only. */
function userMetadata(headers: Record<string, unknown>): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(headers)) {
    const key = rawKey.toLowerCase();
    if (RESERVED_METADATA_KEYS.has(key) || key.startsWith('x-amz-') || typeof value !== 'string') continue;
    metadata[key] = value;
  }
  return metadata;
}
