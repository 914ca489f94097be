import { type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ObjectNotFoundError, type ObjectStorage } from '@ecogate/storage';
import { type PassageEntity } from '../passage/passage.entity';
import {
  type PassageClip,
  type VideoArchiveClient,
  VideoArchiveUnavailableError,
} from '../video-archive/video-archive.client';
import { type ZipEntry } from './canonical-zip';
import { type MissingFile } from './pack-entries';
import { sha256Hex } from './pack-manifest';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'video/mp4': 'mp4' };
const extensionOf = (contentType: string, fallback: string): string => EXTENSIONS[contentType] ?? fallback;

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The passages' entry and exit photos (scene and plate), bytes from object storage; an absent object is listed. */
export async function passagePhotos(
  storage: ObjectStorage,
  passages: readonly PassageEntity[],
): Promise<{ photos: ZipEntry[]; missing: MissingFile[] }> {
  const photos: ZipEntry[] = [];
  const missing: MissingFile[] = [];
  for (const passage of passages) {
    for (const side of ['entry', 'exit'] as const) {
      const held = side === 'entry' ? passage.entryPhotos : passage.exitPhotos;
      for (const [kind, ref] of [
        ['scene', held?.vehicle],
        ['plate', held?.plate],
      ] as const) {
        if (!ref) continue;
        try {
          const data = await bytesOf(await storage.get(ref.bucket, ref.key));
          photos.push({
            name: `photos/${passage.id}-${side}-${kind}.${extensionOf(ref.contentType, 'bin')}`,
            data,
          });
        } catch (error) {
          if (!(error instanceof ObjectNotFoundError)) throw error;
          missing.push({
            passageId: passage.id,
            side,
            kind,
            status: 'not-in-storage',
            reason: `${ref.bucket}/${ref.key}`,
          });
        }
      }
    }
  }
  return { photos, missing };
}

export interface ArchiveWait {
  /** Between two tries while the archive is unavailable. */
  readonly retryMs: number;
  /** How long in all before the pack fails instead of going out without its clips. */
  readonly maxWaitMs: number;
}

/**
 * Calls the archive until it answers: an unavailable archive is waited for (`onWait` says so,
 * keeping the job's claim alive), never read as "no video"; after `maxWaitMs` the error is thrown.
 */
export async function untilArchiveAnswers<T>(
  call: () => Promise<T>,
  wait: ArchiveWait,
  onWait: (reason: string) => Promise<void>,
  signal: AbortSignal,
): Promise<T> {
  const giveUpAt = Date.now() + wait.maxWaitMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (
        !(error instanceof VideoArchiveUnavailableError) ||
        error.failure === 'refused' ||
        Date.now() >= giveUpAt
      )
        throw error;
      await onWait(error.message);
      await sleep(wait.retryMs, undefined, { signal });
    }
  }
}

const missingClip = (
  passageId: string,
  clip: PassageClip,
  status: string,
  reason: string | null,
): MissingFile => ({
  passageId,
  side: clip.direction,
  clipId: clip.clipId,
  status,
  reason,
});

/**
 * Each archived clip of the passages, from the video archive; every clip not included is named
 * (pending, missing, a download that does not match its hash, no archive configured, none known).
 */
export async function passageClips(
  archive: VideoArchiveClient | undefined,
  enterpriseId: string,
  passageIds: readonly string[],
  wait: ArchiveWait,
  onWait: (reason: string) => Promise<void>,
  onPassage: () => Promise<void>,
  signal: AbortSignal,
): Promise<{ clips: ZipEntry[]; missing: MissingFile[] }> {
  const clips: ZipEntry[] = [];
  const missing: MissingFile[] = [];
  for (const passageId of passageIds) {
    if (!archive) {
      missing.push({
        passageId,
        status: 'not-configured',
        reason: 'the ledger has no video archive (VIDEO_ARCHIVE_URL)',
      });
      await onPassage();
      continue;
    }
    const known = await untilArchiveAnswers(
      () => archive.passageClips(enterpriseId, passageId),
      wait,
      onWait,
      signal,
    );
    if (!known || known.length === 0)
      missing.push({
        passageId,
        status: 'unknown-to-archive',
        reason: 'the video archive knows no clip of this passage',
      });
    for (const clip of known ?? []) {
      if (clip.status !== 'archived') {
        missing.push(missingClip(passageId, clip, clip.status, clip.reason));
        continue;
      }
      const data = await untilArchiveAnswers(() => archive.download(clip.url), wait, onWait, signal);
      if (sha256Hex(data) !== clip.sha256) {
        missing.push(
          missingClip(passageId, clip, 'hash-mismatch', `the download does not hash to ${clip.sha256}`),
        );
        continue;
      }
      clips.push({ name: `clips/${passageId}-${clip.direction}-${safeName(clip.clipId)}.mp4`, data });
    }
    await onPassage();
  }
  return { clips, missing };
}

/** A clip id as a file name part (the archive's ids are UUIDs; anything else is made safe). */
const safeName = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || 'clip';
