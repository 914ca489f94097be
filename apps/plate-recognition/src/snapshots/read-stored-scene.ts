import { type ObjectRef } from '@ecogate/contracts';
import { type PipelineMode, type PlateRead, type RecognitionResult, type SiteKnowledge } from '@ecogate/lpr';
import { recognitionFailure, type SnapshotImages } from './snapshot-images';

/** What the handlers need of the engine: the service's `PlateReader`. */
export interface SceneReader {
  read(bytes: Uint8Array, mode: PipelineMode, site?: SiteKnowledge): Promise<RecognitionResult>;
}

/** A topic's outcome counter (`no-plate`, `unreadable-image` are counted here, the rest by the caller). */
export interface OutcomeCounter {
  add(value: number, attributes: { outcome: string }): void;
}

export type StoredSceneRead =
  { readonly kind: 'no-plate' } | { readonly kind: 'plates'; readonly plates: readonly PlateRead[] };

/**
 * The prelude every snapshot topic shares: the stored scene fetched and checked, read as a scene
 * (with what the site knows, when given), and a read that gave nothing usable turned into the
 * consumer's error (`RetriableError`: storage down, recogniser busy; `FatalError`: bad or missing
 * image, a dead letter).
 */
export async function readStoredScene(
  images: SnapshotImages,
  reader: SceneReader,
  image: ObjectRef,
  outcomes: OutcomeCounter,
  site?: SiteKnowledge,
): Promise<StoredSceneRead> {
  const bytes = await images.fetch(image);
  const result = site ? await reader.read(bytes, 'scene', site) : await reader.read(bytes, 'scene');
  if (result.kind === 'no-plate') {
    outcomes.add(1, { outcome: 'no-plate' });
    return { kind: 'no-plate' };
  }
  if (result.kind !== 'plates') {
    if (result.kind === 'unreadable-image') outcomes.add(1, { outcome: 'unreadable-image' });
    throw recognitionFailure(result);
  }
  return { kind: 'plates', plates: result.plates };
}
