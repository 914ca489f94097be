import { type PlateErrorCode, type PlateKind, type PlateRepair, type ReadVerdict } from '@ecogate/domain';
import { type UnreadableReason } from '../image/decode-failure';
import { type Quad } from '../image/perspective-warp';
import {
  type Box,
  type CharacterRead,
  type PlateRows,
  type RecognisedColour,
} from '../engine/plate-engine.interface';
import { type ImageInfo, type PipelineTimings } from './plate-candidate';

// Only a `trusted` read may open a barrier; everything doubtful goes to a person.
export type { ReadVerdict };

export const REVIEW_REASONS = [
  /** `parsePlate` rejected the text. */
  'invalid-format',
  /** `parsePlate` had to repair O/I confusions. */
  'repaired',
  /** The plate is narrower than the calibrated minimum: the recogniser invents text there. */
  'too-small',
  /** Some character's consensus confidence is under the calibrated minimum. */
  'low-confidence',
  /** The alphabet mask had to override the network. */
  'alphabet-masked',
  /** The recognised colour contradicts the kind the text implies. */
  'colour-mismatch',
  /** The second recogniser read something else. */
  'recognisers-disagree',
] as const;

export type ReviewReason = (typeof REVIEW_REASONS)[number];

export interface PlateRead {
  /** Canonical text when the format is valid (`parsePlate`), otherwise the recogniser's text. */
  readonly text: string;
  /** What the recogniser produced (double-row plates already joined in reading order). */
  readonly rawText: string;
  /**
   * Set when the site's knowledge decided the one doubtful character (`text` then differs from
   * `rawText` unless the recogniser had it right): a known plate, or the site's province.
   */
  readonly settledBy?: 'known-plate' | 'registry-corrected' | 'province-prior';
  readonly verdict: ReadVerdict;
  readonly reviewReasons: readonly ReviewReason[];
  /** `unknown` when the format is invalid. */
  readonly kind: PlateKind | 'unknown';
  readonly formatError?: { readonly code: PlateErrorCode; readonly reason: string };
  readonly repairs: readonly PlateRepair[];
  /**
   * The lowest character confidence: the read is as sure as its least sure character (with a
   * second recogniser, as both together make it: `fuseCharacters`). `characters` are the first's.
   */
  readonly confidence: number;
  readonly characters: readonly CharacterRead[];
  readonly colour: RecognisedColour | 'unknown';
  readonly colourConfidence: number;
  readonly rows: PlateRows;
  /** Axis-aligned box and corners (top-left, top-right, bottom-right, bottom-left) in image pixels. */
  readonly box: Box;
  readonly corners: Quad;
  readonly widthPx: number;
  readonly detectionScore: number;
  readonly detector: string;
  /** The second recogniser's read, when one is configured. */
  readonly secondOpinion?: {
    readonly recogniser: string;
    readonly text: string;
    readonly confidence: number;
    readonly characters: readonly CharacterRead[];
  };
  /** How many differently framed crops read exactly `rawText`. */
  readonly agreement: { readonly agreeing: number; readonly crops: number };
  /** The rectified plate as JPEG. */
  readonly cropJpeg: Uint8Array;
}

export type RecognitionResult =
  | {
      readonly kind: 'plates';
      readonly image: ImageInfo;
      /** Trusted reads first, then by plate width (nearest vehicle first). */
      readonly plates: readonly PlateRead[];
      readonly timings: PipelineTimings;
    }
  | { readonly kind: 'no-plate'; readonly image: ImageInfo; readonly timings: PipelineTimings }
  | { readonly kind: 'unreadable-image'; readonly reason: UnreadableReason; readonly message: string }
  /** The bounded queue is full: retry later (HTTP 503). */
  | { readonly kind: 'overloaded'; readonly queueLimit: number }
  /** The job ran past its time limit; its worker was replaced. */
  | { readonly kind: 'timed-out'; readonly timeoutMs: number }
  /** A worker died or the engine is not running. */
  | { readonly kind: 'failed'; readonly message: string };

export type RecognitionResultKind = RecognitionResult['kind'];
