import { type ObjectStorage } from '@ecogate/storage';
import { type FileJob } from './file-job.entity';

export interface DownloadLink {
  readonly url: string;
  readonly expiresAt: Date;
}

/**
 * A fresh short-lived link to a done job's file, or none while there is no file (not done yet,
 * failed, or past `expires_at`, when the bucket's lifecycle rule removed it). The link lives
 * `urlTtlSeconds`, never past the file (at least 1 s). Handing it out is the caller's to audit.
 */
export async function fileJobLink(
  job: Pick<FileJob, 'state' | 'objectKey' | 'expiresAt'>,
  storage: ObjectStorage,
  config: { readonly bucket: string; readonly urlTtlSeconds: number },
  now: Date,
): Promise<DownloadLink | undefined> {
  if (job.state !== 'done' || !job.objectKey || !job.expiresAt || job.expiresAt <= now) return undefined;
  const ttl = Math.max(
    1,
    Math.min(config.urlTtlSeconds, Math.floor((job.expiresAt.getTime() - now.getTime()) / 1000)),
  );
  const url = await storage.presignedGetUrl(config.bucket, job.objectKey, ttl);
  return { url, expiresAt: new Date(now.getTime() + ttl * 1000) };
}
