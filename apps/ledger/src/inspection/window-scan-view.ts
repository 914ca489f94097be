import { windowScanSchema } from '../video-archive/video-archive.client';
import { type InspectionItemEntity } from './inspection.entity';
import { type PassageTimes, SIGHTING_MARGIN_MS, windowFindings } from './window-findings';

/**
 * The window's overall finding, most serious first. `all-seen-in-ledger` only when the scan is done,
 * every camera had video and every plate read has a passage: never said of a window nobody saw.
 */
export type WindowScanFinding =
  | 'pending'
  | 'failed'
  | 'vehicles-without-passage'
  | 'unsure-reads'
  | 'no-video'
  | 'cameras-without-video'
  | 'all-seen-in-ledger';

/** Why a window has no scan at all. */
export type ScanUnavailableReason = 'video-archive-not-configured';

function overall(
  status: string,
  counts: { seenWithoutPassage: number; unsure: number },
  cameras: readonly { videoSeconds: number }[],
): WindowScanFinding {
  if (status === 'failed') return 'failed';
  if (status !== 'done') return 'pending';
  if (counts.seenWithoutPassage > 0) return 'vehicles-without-passage';
  if (counts.unsure > 0) return 'unsure-reads';
  if (!cameras.some((c) => c.videoSeconds > 0)) return 'no-video';
  if (cameras.some((c) => c.videoSeconds === 0)) return 'cameras-without-video';
  return 'all-seen-in-ledger';
}

/**
 * A window's scan as the inspection shows it: where it stands, the archive's last report, and the
 * system's finding against `passages` (the enterprise's passages of the plates read, around the window).
 */
export function windowScanView(
  item: Pick<InspectionItemEntity, 'scanState' | 'scanId' | 'scan' | 'scanAttempts' | 'scanError'>,
  passages: readonly PassageTimes[],
  archiveConfigured: boolean,
) {
  if (!archiveConfigured)
    return { scan: null, scanUnavailableReason: 'video-archive-not-configured' as ScanUnavailableReason };
  // Stored as the archive answered, after validation; an unreadable report counts as none yet.
  const parsed = windowScanSchema.safeParse(item.scan);
  const report = parsed.success ? parsed.data : null;
  const status = item.scanState ?? 'requesting';
  const findings = windowFindings(report?.plates ?? [], passages, SIGHTING_MARGIN_MS);
  const cameras = report?.cameras ?? [];
  return {
    scan: {
      status,
      scanId: item.scanId,
      progress: report?.progress ?? null,
      /** Why the scan failed, the archive's note while it runs, or its unavailability (retried). */
      error: item.scanError,
      failedCalls: item.scanAttempts,
      finishedAt: report?.finishedAt ?? null,
      marginSeconds: SIGHTING_MARGIN_MS / 1000,
      cameras,
      camerasWithoutVideo: cameras.filter((c) => c.videoSeconds === 0).map((c) => c.cameraId),
      sightings: findings.sightings.map((s) => ({
        plate: s.plate,
        cameraId: s.cameraId,
        firstSeenAt: s.firstSeenAt,
        lastSeenAt: s.lastSeenAt,
        frames: s.frames,
        bestConfidence: s.bestConfidence,
        trusted: s.trusted,
        framePath: s.framePath,
        passageId: s.passageId,
        finding: s.finding,
      })),
      seenWithoutPassage: findings.seenWithoutPassage,
      unsure: findings.unsure,
      finding: overall(status, findings, cameras),
    },
    scanUnavailableReason: null,
  };
}
export type WindowScanView = ReturnType<typeof windowScanView>;
