import { type PayloadOf } from '@ecogate/contracts';
import { type FusionDecision, fuseReads, type ReadToFuse } from '@ecogate/domain';

type PlateRead = PayloadOf<'anpr.plate.read.v1'>;

/** Every read of one capture seen so far: the camera's own and the server's (one per plate). */
export interface CaptureReads {
  readonly captureId: string;
  readonly camera?: PlateRead;
  readonly server: readonly PlateRead[];
}

/** The read the lane acts on: the fused plate text and verdict, with the fusion kept for the reasons. */
export interface FusedRead {
  readonly read: PlateRead;
  readonly fusion: FusionDecision;
}

/** Adds a read to its capture's reads; a re-delivered read (same id) changes nothing. */
export function withRead(reads: CaptureReads | undefined, read: PlateRead): CaptureReads {
  const current: CaptureReads = reads ?? { captureId: read.captureId, server: [] };
  if (current.camera?.readId === read.readId || current.server.some((r) => r.readId === read.readId)) {
    return current;
  }
  return read.source === 'camera'
    ? { ...current, camera: read }
    : { ...current, server: [...current.server, read] };
}

/** The camera has spoken and the server not yet: worth waiting a moment for a second opinion. */
export const awaitsServerRead = (reads: CaptureReads): boolean =>
  reads.camera !== undefined && reads.server.length === 0;

/**
 * Fuses the capture's reads with the domain's `fuseReads` and returns the read to decide on: the
 * deciding read's ids (so its decision id follows from it), the fused text and verdict, the plate
 * details of the read whose text won, and the images of both.
 */
export function fuseCapture(reads: CaptureReads, deciding: PlateRead): FusedRead {
  const byFused = new Map<ReadToFuse, PlateRead>();
  const toFuse = (read: PlateRead): ReadToFuse => {
    const fused: ReadToFuse = {
      text: read.plate.text,
      verdict: read.verdict,
      colour: read.plate.colour,
      confidence: read.plate.confidence,
      ...(read.plate.rawText !== undefined ? { rawText: read.plate.rawText } : {}),
      ...(read.plate.settledBy !== undefined ? { settledBy: read.plate.settledBy } : {}),
    };
    byFused.set(fused, read);
    return fused;
  };
  const fusion = fuseReads(reads.camera && toFuse(reads.camera), reads.server.map(toFuse));
  const winner =
    (fusion.outcome === 'server-only' ? fusion.server : fusion.camera) ?? fusion.server ?? fusion.camera;
  const source = (winner && byFused.get(winner)) ?? deciding;
  const partner = fusion.server && byFused.get(fusion.server);
  return {
    fusion,
    read: {
      ...deciding,
      plate: { ...source.plate, text: fusion.text ?? source.plate.text },
      verdict: fusion.verdict ?? deciding.verdict,
      images: { ...reads.camera?.images, ...partner?.images },
    },
  };
}
