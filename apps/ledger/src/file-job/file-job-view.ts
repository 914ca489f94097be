import { type FileJob, type FileJobState } from './file-job.entity';
import { type DownloadLink } from './file-job-link';

/** What every file job's API view shows of the job and its file (`ExportJobView`, `EvidencePackView`). */
export interface FileJobViewFields {
  readonly error?: string;
  readonly requestedBy: string;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly fileName?: string;
  readonly bytes?: number;
  readonly downloadUrl?: string;
  readonly downloadUrlExpiresAt?: string;
  readonly expiresAt: string | null;
}

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

/** `link` only where a download link was issued (`fileJobLink`). */
export function fileJobViewFields(job: FileJob, link?: DownloadLink): FileJobViewFields {
  return {
    ...(job.error ? { error: job.error } : {}),
    requestedBy: job.requestedBy,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    ...(job.fileName ? { fileName: job.fileName } : {}),
    ...(job.bytes !== null ? { bytes: job.bytes } : {}),
    ...(link ? { downloadUrl: link.url, downloadUrlExpiresAt: link.expiresAt.toISOString() } : {}),
    expiresAt: iso(job.expiresAt),
  };
}

/** Work done ÷ all of it, 0 before it was counted, 1 once done. */
export function fileJobProgress(state: FileJobState, done: number, total: number | null): number {
  return state === 'done' ? 1 : total ? Math.min(1, done / total) : 0;
}
