import { z } from 'zod';
import { StorageError } from '../storage-errors';

/** S3 caps presigned URLs at 7 days. */
export const PRESIGNED_TTL_HARD_MAX_SECONDS = 7 * 24 * 3600;

const revealable = z.custom<{ reveal(): string }>(
  (value) => typeof (value as { reveal?: unknown } | null)?.reveal === 'function',
  'must be a string or a Secret',
);

const endpoint = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search;
  } catch {
    return false;
  }
}, 'must be an http(s) URL without a path, e.g. http://127.0.0.1:9000');

export const minioStorageConfigSchema = z.object({
  endpoint,
  accessKey: z.string().min(1),
  /** A plain string or the config lib's `Secret` (never printed). */
  secretKey: z.union([z.string().min(1), revealable]),
  region: z.string().min(1).default('us-east-1'),
  /** Upper bound of `presignedGetUrl` TTLs: links to evidence should not live long. */
  maxPresignedTtlSeconds: z.number().int().min(1).max(PRESIGNED_TTL_HARD_MAX_SECONDS).default(3600),
});

export type MinioStorageConfigInput = z.input<typeof minioStorageConfigSchema>;

export interface MinioClientSettings {
  readonly endPoint: string;
  readonly port: number;
  readonly useSSL: boolean;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
  readonly maxPresignedTtlSeconds: number;
}

/** Validates the configuration; the error names the bad fields, never their values. */
export function parseMinioStorageConfig(input: MinioStorageConfigInput): MinioClientSettings {
  const parsed = minioStorageConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new StorageError(
      'invalid-storage-config',
      `Invalid object storage configuration: ${z.prettifyError(parsed.error)}`,
    );
  }
  const { endpoint: raw, accessKey, secretKey, region, maxPresignedTtlSeconds } = parsed.data;
  const url = new URL(raw);
  const useSSL = url.protocol === 'https:';
  return {
    endPoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
    accessKey,
    secretKey: typeof secretKey === 'string' ? secretKey : secretKey.reveal(),
    region,
    maxPresignedTtlSeconds,
  };
}
