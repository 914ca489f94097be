import { type ScannedPlate } from '../video-archive/video-archive.client';

/**
 * How far before or after a passage's capture a camera may film the same truck: it is filmed
 * approaching, waiting at the barrier and driving off, while the passage holds one instant per lane.
 */
export const SIGHTING_MARGIN_MS = 2 * 60_000;

/** What the matching needs of a ledger passage. */
export interface PassageTimes {
  readonly id: string;
  readonly plate: string;
  readonly entryCapturedAt: Date | null;
  readonly exitCapturedAt: Date | null;
}

/** `in-ledger`: a passage accounts for it; otherwise a trusted read is seen without passage, an untrusted one is unsure. */
export type SightingFinding = 'in-ledger' | 'seen-without-passage' | 'unsure';

export interface Sighting extends ScannedPlate {
  readonly passageId: string | null;
  readonly finding: SightingFinding;
}

export interface WindowFindings {
  /** Every sighting, in the order first seen (then camera). */
  readonly sightings: readonly Sighting[];
  /** Distinct plates read with trust and no passage. */
  readonly seenWithoutPassage: number;
  /** Distinct plates with only untrusted reads and no passage: a person checks them by eye. */
  readonly unsure: number;
}

/** Plates compare without case, spaces, separators (`冀B·12345` = `冀b12345`). */
export const normalisePlate = (plate: string): string => plate.replace(/[\s·•.\-_]/g, '').toUpperCase();

const ms = (iso: string): number => Date.parse(iso);

/** How far (ms) the passage's nearest capture lies from the sighting, or `undefined` when it does not account for it. */
function distance(sighting: ScannedPlate, passage: PassageTimes, marginMs: number): number | undefined {
  const first = ms(sighting.firstSeenAt) - marginMs;
  const last = ms(sighting.lastSeenAt) + marginMs;
  const captures = [passage.entryCapturedAt, passage.exitCapturedAt].flatMap((t) => (t ? [t.getTime()] : []));
  const gaps = captures
    .filter((t) => t >= first && t <= last)
    .map((t) => Math.max(0, ms(sighting.firstSeenAt) - t, t - ms(sighting.lastSeenAt)));
  if (gaps.length > 0) return Math.min(...gaps);
  // Recorded inside the plant across the sighting (entered before, left after or not yet): in the ledger.
  const entry = passage.entryCapturedAt?.getTime();
  const exit = passage.exitCapturedAt?.getTime();
  if (entry !== undefined && entry <= last && (exit === undefined || exit >= first)) return marginMs + 1;
  return undefined;
}

/**
 * The system's finding for one video window: each plate the archive read, matched to a passage of
 * the same plate (normalised) whose entry or exit capture lies within the sighting's first…last
 * seen ± `marginMs`, or that was inside the plant across it; the nearest such passage wins (then
 * the smaller id). Pure: the passages come from the database, the plates from the archive's scan.
 */
export function windowFindings(
  plates: readonly ScannedPlate[],
  passages: readonly PassageTimes[],
  marginMs: number = SIGHTING_MARGIN_MS,
): WindowFindings {
  const byPlate = new Map<string, PassageTimes[]>();
  for (const passage of passages) {
    const key = normalisePlate(passage.plate);
    byPlate.set(key, [...(byPlate.get(key) ?? []), passage]);
  }
  const sightings = [...plates]
    .sort((a, b) => ms(a.firstSeenAt) - ms(b.firstSeenAt) || a.cameraId.localeCompare(b.cameraId))
    .map((plate): Sighting => {
      let best: { id: string; gap: number } | undefined;
      for (const passage of byPlate.get(normalisePlate(plate.plate)) ?? []) {
        const gap = distance(plate, passage, marginMs);
        if (gap === undefined) continue;
        if (!best || gap < best.gap || (gap === best.gap && passage.id < best.id))
          best = { id: passage.id, gap };
      }
      const finding: SightingFinding = best ? 'in-ledger' : plate.trusted ? 'seen-without-passage' : 'unsure';
      return { ...plate, passageId: best?.id ?? null, finding };
    });
  const missing = new Set(
    sightings.filter((s) => s.finding === 'seen-without-passage').map((s) => normalisePlate(s.plate)),
  );
  // A plate already reported with a trusted read is not also "unsure".
  const unsure = new Set(
    sightings
      .filter((s) => s.finding === 'unsure')
      .map((s) => normalisePlate(s.plate))
      .filter((plate) => !missing.has(plate)),
  );
  return { sightings, seenWithoutPassage: missing.size, unsure: unsure.size };
}
