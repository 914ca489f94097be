import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type Dirent } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat as statPath } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
  type VersionOptions,
} from '../object-storage';
import {
  BucketNotFoundError,
  InvalidObjectKeyError,
  ObjectLockedError,
  ObjectNotFoundError,
  StorageError,
} from '../storage-errors';
import { renameDurably, writeFileAtomically } from './atomic-file';
import { signLink, type SignedLinkSigner } from './signed-link';

/** A temporary file this old is a crash's leftover, not a write in progress. */
const TEMPORARY_FILE_MAX_AGE_MS = 24 * 3_600_000;

export interface FilesystemStorageConfig {
  /** Where buckets live (`$ECOGATE_HOME/objects`). */
  readonly root: string;
  /** Signs presigned GET URLs (see signed-link.ts). */
  readonly signedLinks: SignedLinkSigner;
  /** Upper bound of `presignedGetUrl` TTLs (default 3600, as with MinIO). */
  readonly maxPresignedTtlSeconds?: number;
}

/** Bytes `start` to `end` of a body, both included (HTTP's `Range: bytes=start-end`). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** `get` of the filesystem store can also read a part of the body (the gateway's `Range` answers). */
export interface FilesystemGetOptions extends VersionOptions {
  /** Within the body: `start` below its size; `end` past the last byte reads to the end. */
  readonly range?: ByteRange;
}

interface BucketState {
  objectLock: boolean;
  versioning: boolean;
  expiryRules: ExpiryRule[];
  defaultRetention: DefaultRetention | null;
}

interface VersionRecord {
  versionId: string | null;
  deleteMarker: boolean;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
  etag: string;
  lastModified: string;
  retention: { mode: ObjectRetention['mode']; retainUntil: string } | null;
  legalHold: boolean;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const OBJECT_DIR_SUFFIX = '.obj';
const NULL_VERSION = 'null';
const DAY_MS = 86_400_000;
const MAX_DAYS = 36_500;

/**
 * `ObjectStorage` on the local filesystem, for the embedded profile (ADR 0008), with MinIO's
 * semantics: versioning and delete markers, object lock (retention, GOVERNANCE bypass, COMPLIANCE,
 * legal hold), default retention, expiry rules (applied by `applyExpiryRules`), signed GET links.
 *
 * Layout: `<root>/<bucket>/bucket.json`, and per key a directory `objects/<segments>.obj/` holding
 * `<versionId>.data` and `<versionId>.json`. Bodies stream to a temporary file that is fsync'd and
 * renamed into place; a version exists once its `.json` is renamed in, so a crash leaves either the
 * old state or the new. One process writes a bucket at a time (each service owns its buckets).
 */
export class FilesystemObjectStorage implements ObjectStorage {
  private readonly maxPresignedTtlSeconds: number;
  private readonly locks = new Map<string, Promise<unknown>>();
  private sequence = 0;

  constructor(private readonly config: FilesystemStorageConfig) {
    this.maxPresignedTtlSeconds = config.maxPresignedTtlSeconds ?? 3600;
  }

  async ensureBucket(bucket: string, options: BucketOptions = {}): Promise<{ created: boolean }> {
    assertBucketName(bucket);
    return this.serialised(bucket, async () => {
      const existing = await this.readBucket(bucket).catch((error: unknown) => {
        if (error instanceof BucketNotFoundError) return null;
        throw error;
      });
      if (existing) {
        if (options.objectLock === true && !existing.objectLock)
          throw new StorageError(
            'bucket-conflict',
            `Bucket ${bucket} exists without object lock, which can only be enabled when a bucket is created`,
          );
        if (options.versioning === true && !existing.versioning)
          await this.writeBucket(bucket, { ...existing, versioning: true });
        await this.sweepTemporaryFiles(bucket);
        return { created: false };
      }
      await mkdir(join(this.bucketDir(bucket), 'objects'), { recursive: true });
      await mkdir(join(this.bucketDir(bucket), 'tmp'), { recursive: true });
      await this.writeBucket(bucket, {
        objectLock: options.objectLock === true,
        versioning: options.objectLock === true || options.versioning === true,
        expiryRules: [],
        defaultRetention: null,
      });
      return { created: true };
    });
  }

  /**
   * Removes what writes a crash interrupted left in `<bucket>/tmp` (never visible as objects).
   * Only files older than a day: a write in progress from another process is never touched.
   */
  private async sweepTemporaryFiles(bucket: string): Promise<void> {
    const dir = join(this.bucketDir(bucket), 'tmp');
    const before = Date.now() - TEMPORARY_FILE_MAX_AGE_MS;
    for (const name of await readdir(dir).catch(() => [])) {
      const file = join(dir, name);
      const info = await statPath(file).catch(() => undefined);
      if (info && info.mtimeMs < before) await rm(file, { force: true });
    }
  }

  async put(bucket: string, key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult> {
    assertObjectKey(key);
    const state = await this.readBucket(bucket);
    const temporary = this.temporaryPath(bucket);
    // Streamed to a temporary file first (hashing on the way): a video never sits in memory.
    const md5 = createHash('md5');
    let size = 0;
    try {
      await pipeline(
        Buffer.isBuffer(body) ? Readable.from([body]) : body,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            md5.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        }),
        // `flush`: fsync before close, so the rename below publishes only durable bytes.
        createWriteStream(temporary, { mode: 0o600, flush: true }),
      );
    } catch (error) {
      await rm(temporary, { force: true });
      throw new StorageError('storage-error', `writing ${bucket}/${key} failed: ${String(error)}`, false, {
        cause: error,
      });
    }
    if (options.size !== undefined && options.size !== size) {
      await rm(temporary, { force: true });
      throw new StorageError(
        'invalid-argument',
        `body of ${bucket}/${key} is ${size} bytes, not ${options.size}`,
      );
    }
    return this.serialised(`${bucket}/${key}`, () =>
      this.commitVersion(bucket, key, state, options, { temporary, size, etag: md5.digest('hex') }),
    ).catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
  }

  /** Makes a fully written temporary body the key's new (or only) version. */
  private async commitVersion(
    bucket: string,
    key: string,
    state: BucketState,
    options: PutOptions,
    body: { temporary: string; size: number; etag: string },
  ): Promise<PutResult> {
    const versionId = state.versioning ? this.newVersionId() : null;
    const dir = this.objectDir(bucket, key);
    await mkdir(dir, { recursive: true });
    if (versionId === null) {
      // Unversioned: the one version is overwritten, unless it is held.
      const current = await this.readVersion(bucket, key, NULL_VERSION).catch(() => null);
      if (current) assertDeletable(bucket, key, current, false);
    }
    const now = new Date();
    const record: VersionRecord = {
      versionId,
      deleteMarker: false,
      size: body.size,
      contentType: options.contentType,
      metadata: { ...(options.metadata ?? {}) },
      etag: body.etag,
      lastModified: now.toISOString(),
      retention:
        state.objectLock && state.defaultRetention
          ? {
              mode: state.defaultRetention.mode,
              retainUntil: new Date(now.getTime() + state.defaultRetention.days * DAY_MS).toISOString(),
            }
          : null,
      legalHold: false,
    };
    const file = versionId ?? NULL_VERSION;
    await renameDurably(body.temporary, join(dir, `${file}.data`));
    await this.writeVersion(bucket, key, record);
    return { etag: record.etag, versionId };
  }

  async get(bucket: string, key: string, options: FilesystemGetOptions = {}): Promise<Readable> {
    const record = await this.resolve(bucket, key, options);
    const range = options.range;
    const valid = (r: ByteRange) =>
      Number.isSafeInteger(r.start) && Number.isSafeInteger(r.end) && r.start >= 0 && r.start <= r.end;
    if (range && !(valid(range) && range.start < record.size))
      throw new StorageError(
        'invalid-argument',
        `byte range ${range.start}-${range.end} is outside ${bucket}/${key} (${record.size} bytes)`,
      );
    // Opened before returning, so a missing file is an error here, and a later delete cannot cut the stream.
    const handle = await open(
      join(this.objectDir(bucket, key), `${record.versionId ?? NULL_VERSION}.data`),
      'r',
    ).catch((error: unknown) => {
      throw new ObjectNotFoundError(bucket, key, { cause: error });
    });
    return createReadStream('', { fd: handle, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async stat(bucket: string, key: string, options: VersionOptions = {}): Promise<ObjectStat> {
    const record = await this.resolve(bucket, key, options);
    return {
      size: record.size,
      contentType: record.contentType,
      metadata: record.metadata,
      etag: record.etag,
      lastModified: new Date(record.lastModified),
      versionId: record.versionId,
    };
  }

  async presignedGetUrl(
    bucket: string,
    key: string,
    ttlSeconds: number,
    options: VersionOptions = {},
  ): Promise<string> {
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > this.maxPresignedTtlSeconds)
      throw new StorageError(
        'invalid-argument',
        `Presigned URL TTL must be a whole number of seconds between 1 and ${this.maxPresignedTtlSeconds}`,
      );
    assertObjectKey(key);
    await this.readBucket(bucket);
    return signLink(
      this.config.signedLinks,
      { bucket, key, versionId: options.versionId ?? null },
      new Date(Date.now() + ttlSeconds * 1000),
    );
  }

  async remove(bucket: string, key: string, options: RemoveOptions = {}): Promise<void> {
    assertObjectKey(key);
    const state = await this.readBucket(bucket);
    await this.serialised(`${bucket}/${key}`, async () => {
      if (options.versionId === undefined && state.versioning) {
        // Versioned: a delete marker hides the object; nothing is destroyed, so no lock applies.
        await mkdir(this.objectDir(bucket, key), { recursive: true });
        await this.writeVersion(bucket, key, {
          versionId: this.newVersionId(),
          deleteMarker: true,
          size: 0,
          contentType: '',
          metadata: {},
          etag: '',
          lastModified: new Date().toISOString(),
          retention: null,
          legalHold: false,
        });
        return;
      }
      const file = options.versionId ?? NULL_VERSION;
      const record = await this.readVersion(bucket, key, file).catch(() => null);
      if (!record) return; // S3 deletes are idempotent
      assertDeletable(bucket, key, record, options.bypassGovernance === true);
      const dir = this.objectDir(bucket, key);
      await rm(join(dir, `${file}.json`), { force: true });
      await rm(join(dir, `${file}.data`), { force: true });
      if ((await this.versionFiles(bucket, key)).length === 0)
        await rm(dir, { recursive: true, force: true });
    });
  }

  async *list(bucket: string, prefix: string): AsyncIterable<ObjectSummary> {
    await this.readBucket(bucket);
    const keys: string[] = [];
    for await (const key of this.walk(join(this.bucketDir(bucket), 'objects'), []))
      if (key.startsWith(prefix)) keys.push(key);
    keys.sort();
    for (const key of keys) {
      const current = await this.current(bucket, key);
      if (current && !current.deleteMarker)
        yield { key, size: current.size, etag: current.etag, lastModified: new Date(current.lastModified) };
    }
  }

  async setExpiryDays(bucket: string, prefix: string, days: number): Promise<void> {
    assertDays(days, 'Expiry');
    await this.serialised(bucket, async () => {
      const state = await this.readBucket(bucket);
      const id = `expire-${prefix}`;
      await this.writeBucket(bucket, {
        ...state,
        expiryRules: [...state.expiryRules.filter((rule) => rule.prefix !== prefix), { id, prefix, days }],
      });
    });
  }

  async getExpiryRules(bucket: string): Promise<ExpiryRule[]> {
    return (await this.readBucket(bucket)).expiryRules;
  }

  /**
   * What S3 lifecycle does in the background: current versions older than their rule's days are
   * expired (a delete marker when versioned), noncurrent ones deleted; locked versions stay.
   * Resolves the number of versions expired. Call it periodically (e.g. daily).
   */
  async applyExpiryRules(bucket: string, now: Date = new Date()): Promise<number> {
    const state = await this.readBucket(bucket);
    let expired = 0;
    for (const rule of state.expiryRules) {
      const cutoff = now.getTime() - rule.days * DAY_MS;
      const keys: string[] = [];
      for await (const key of this.walk(join(this.bucketDir(bucket), 'objects'), []))
        if (key.startsWith(rule.prefix)) keys.push(key);
      for (const key of keys) {
        const versions = await this.versions(bucket, key);
        const current = versions[versions.length - 1];
        if (
          current &&
          !current.deleteMarker &&
          Date.parse(current.lastModified) < cutoff &&
          !isLocked(current, now)
        ) {
          await this.remove(bucket, key, state.versioning ? {} : { versionId: NULL_VERSION });
          expired += 1;
        }
        for (const old of versions.slice(0, -1))
          if (Date.parse(old.lastModified) < cutoff && !isLocked(old, now)) {
            await this.remove(bucket, key, { versionId: old.versionId ?? NULL_VERSION });
            expired += 1;
          }
      }
    }
    return expired;
  }

  async setObjectRetention(
    bucket: string,
    key: string,
    retention: ObjectRetention & VersionOptions & { readonly bypassGovernance?: boolean },
  ): Promise<void> {
    await this.lockedUpdate(bucket, key, retention, (record) => {
      const current = record.retention;
      if (current && Date.parse(current.retainUntil) > Date.now()) {
        const shortened = retention.retainUntil.getTime() < Date.parse(current.retainUntil);
        const weakened = current.mode === 'COMPLIANCE' && retention.mode !== 'COMPLIANCE';
        if ((shortened || weakened) && (current.mode === 'COMPLIANCE' || retention.bypassGovernance !== true))
          throw new ObjectLockedError(bucket, key);
      }
      return {
        ...record,
        retention: { mode: retention.mode, retainUntil: retention.retainUntil.toISOString() },
      };
    });
  }

  async getObjectRetention(
    bucket: string,
    key: string,
    options: VersionOptions = {},
  ): Promise<ObjectRetention | null> {
    const record = await this.resolve(bucket, key, options);
    return record.retention
      ? { mode: record.retention.mode, retainUntil: new Date(record.retention.retainUntil) }
      : null;
  }

  async setLegalHold(bucket: string, key: string, on: boolean, options: VersionOptions = {}): Promise<void> {
    await this.lockedUpdate(bucket, key, options, (record) => ({ ...record, legalHold: on }));
  }

  async getLegalHold(bucket: string, key: string, options: VersionOptions = {}): Promise<boolean> {
    return (await this.resolve(bucket, key, options)).legalHold;
  }

  async setDefaultRetention(bucket: string, retention: DefaultRetention): Promise<void> {
    assertDays(retention.days, 'Retention');
    await this.serialised(bucket, async () => {
      const state = await this.readBucket(bucket);
      if (!state.objectLock)
        throw new StorageError('invalid-argument', `Bucket ${bucket} was not created with object lock`);
      await this.writeBucket(bucket, { ...state, defaultRetention: { ...retention } });
    });
  }

  async getDefaultRetention(bucket: string): Promise<DefaultRetention | null> {
    return (await this.readBucket(bucket)).defaultRetention;
  }

  private async lockedUpdate(
    bucket: string,
    key: string,
    options: VersionOptions,
    change: (record: VersionRecord) => VersionRecord,
  ): Promise<void> {
    const state = await this.readBucket(bucket);
    if (!state.objectLock)
      throw new StorageError('invalid-argument', `Bucket ${bucket} was not created with object lock`);
    await this.serialised(`${bucket}/${key}`, async () => {
      const record = await this.resolve(bucket, key, options);
      await this.writeVersion(bucket, key, change(record));
    });
  }

  /** The version asked for, or the current one; a delete marker reads as not found. */
  private async resolve(bucket: string, key: string, options: VersionOptions): Promise<VersionRecord> {
    assertObjectKey(key);
    await this.readBucket(bucket);
    const record =
      options.versionId === undefined
        ? await this.current(bucket, key)
        : await this.readVersion(bucket, key, options.versionId).catch(() => null);
    if (!record || record.deleteMarker) throw new ObjectNotFoundError(bucket, key);
    return record;
  }

  private async current(bucket: string, key: string): Promise<VersionRecord | null> {
    const versions = await this.versions(bucket, key);
    return versions[versions.length - 1] ?? null;
  }

  /** Oldest first. */
  private async versions(bucket: string, key: string): Promise<VersionRecord[]> {
    const records = await Promise.all(
      (await this.versionFiles(bucket, key)).map((file) => this.readVersion(bucket, key, file)),
    );
    return records.sort(
      (a, b) =>
        Date.parse(a.lastModified) - Date.parse(b.lastModified) ||
        (a.versionId ?? '').localeCompare(b.versionId ?? ''),
    );
  }

  private async versionFiles(bucket: string, key: string): Promise<string[]> {
    const entries = await readdir(this.objectDir(bucket, key)).catch(() => [] as string[]);
    return entries.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
  }

  private async readVersion(bucket: string, key: string, file: string): Promise<VersionRecord> {
    if (!/^[a-z0-9-]{1,64}$/.test(file)) throw new ObjectNotFoundError(bucket, key);
    try {
      return JSON.parse(
        await readFile(join(this.objectDir(bucket, key), `${file}.json`), 'utf8'),
      ) as VersionRecord;
    } catch (error) {
      throw new ObjectNotFoundError(bucket, key, { cause: error });
    }
  }

  private writeVersion(bucket: string, key: string, record: VersionRecord): Promise<void> {
    const file = record.versionId ?? NULL_VERSION;
    return writeFileAtomically(
      this.temporaryPath(bucket),
      join(this.objectDir(bucket, key), `${file}.json`),
      JSON.stringify(record),
    );
  }

  private async readBucket(bucket: string): Promise<BucketState> {
    assertBucketName(bucket);
    try {
      return JSON.parse(await readFile(join(this.bucketDir(bucket), 'bucket.json'), 'utf8')) as BucketState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BucketNotFoundError(bucket);
      throw new StorageError('storage-error', `bucket ${bucket} cannot be read: ${String(error)}`, false, {
        cause: error,
      });
    }
  }

  private writeBucket(bucket: string, state: BucketState): Promise<void> {
    return writeFileAtomically(
      this.temporaryPath(bucket),
      join(this.bucketDir(bucket), 'bucket.json'),
      JSON.stringify(state),
    );
  }

  private async *walk(dir: string, segments: string[]): AsyncGenerator<string> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      if (entry.name.endsWith(OBJECT_DIR_SUFFIX))
        yield [...segments, decodeSegment(entry.name.slice(0, -OBJECT_DIR_SUFFIX.length))].join('/');
      else yield* this.walk(join(dir, entry.name), [...segments, decodeSegment(entry.name)]);
    }
  }

  private bucketDir(bucket: string): string {
    return join(this.config.root, bucket);
  }

  private objectDir(bucket: string, key: string): string {
    const segments = key.split('/').map(encodeSegment);
    const last = segments.pop() ?? '';
    return join(this.bucketDir(bucket), 'objects', ...segments, `${last}${OBJECT_DIR_SUFFIX}`);
  }

  private temporaryPath(bucket: string): string {
    return join(this.bucketDir(bucket), 'tmp', randomUUID());
  }

  /** Sortable by time, unique within the process and across processes (random tail). */
  private newVersionId(): string {
    this.sequence = (this.sequence + 1) % 1_679_616;
    return `${Date.now().toString(36).padStart(9, '0')}-${this.sequence.toString(36).padStart(4, '0')}-${randomBytes(6).toString('hex')}`;
  }

  /** Runs `work` after earlier work on the same name, so read-check-write steps do not interleave. */
  private serialised<T>(name: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(name) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.locks.set(name, next);
    void next
      .finally(() => {
        if (this.locks.get(name) === next) this.locks.delete(name);
      })
      .catch(() => undefined);
    return next;
  }
}

/** Whether a version may not be deleted now: legal hold, or retention not yet over. */
function isLocked(record: VersionRecord, now: Date): boolean {
  return (
    record.legalHold ||
    (record.retention !== null && Date.parse(record.retention.retainUntil) > now.getTime())
  );
}

function assertDeletable(
  bucket: string,
  key: string,
  record: VersionRecord,
  bypassGovernance: boolean,
): void {
  if (record.legalHold) throw new ObjectLockedError(bucket, key);
  const retention = record.retention;
  if (!retention || Date.parse(retention.retainUntil) <= Date.now()) return;
  if (retention.mode === 'GOVERNANCE' && bypassGovernance) return;
  throw new ObjectLockedError(bucket, key);
}

// Each key segment is percent-encoded, dots too, so no segment is `.`/`..` or ends in `.obj`; `%` alone is "".
function encodeSegment(segment: string): string {
  return segment === '' ? '%' : encodeURIComponent(segment).replace(/\./g, '%2E').replace(/\*/g, '%2A');
}

function decodeSegment(segment: string): string {
  return segment === '%' ? '' : decodeURIComponent(segment);
}

function assertBucketName(bucket: string): void {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..'))
    throw new StorageError('invalid-argument', `invalid bucket name ${JSON.stringify(bucket)}`);
}

function assertObjectKey(key: string): void {
  if (key.length === 0 || Buffer.byteLength(key) > 1024 || key.includes('\u0000'))
    throw new InvalidObjectKeyError(
      `object key must be 1 to 1024 bytes without NUL, got ${JSON.stringify(key.slice(0, 64))}`,
    );
}

function assertDays(days: number, what: string): void {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
    throw new StorageError(
      'invalid-argument',
      `${what} must be a whole number of days between 1 and ${MAX_DAYS}`,
    );
}

/** Exposed for the factory's start-up check that the root is usable. */
export async function assertWritableDirectory(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  const info = await statPath(path);
  if (!info.isDirectory()) throw new StorageError('invalid-storage-config', `${path} is not a directory`);
}
