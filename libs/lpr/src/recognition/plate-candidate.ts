import { type ImageFormat } from '../image/image-format';
import { type Quad } from '../image/perspective-warp';
import { type UnreadableReason } from '../image/decode-failure';
import {
  type Box,
  type CharacterRead,
  type ColourRead,
  type PlateRows,
} from '../engine/plate-engine.interface';

/** A plate as the models saw it, before validation and gating (what a worker sends back). */
export interface PlateCandidate {
  readonly box: Box;
  readonly corners: Quad;
  readonly rows: PlateRows;
  readonly detectionScore: number;
  readonly detector: string;
  readonly text: string;
  readonly characters: readonly CharacterRead[];
  /** Undefined when no configured model tells colours. */
  readonly colour?: ColourRead;
  /** The alphabet mask overrode the network on some character. */
  readonly masked: boolean;
  /** Plate width in source pixels (top and bottom edge mean). */
  readonly widthPx: number;
  /** How many of the differently framed crops read the chosen text. */
  readonly agreement: { readonly agreeing: number; readonly crops: number };
  /** The text each framing produced, in framing order. */
  readonly variants: readonly string[];
  /** The second recogniser's read of the tight crop, when one is configured. */
  readonly secondOpinion?: {
    readonly recogniser: string;
    readonly text: string;
    readonly confidence: number;
    readonly characters: readonly CharacterRead[];
  };
  readonly cropJpeg: Uint8Array;
}

export interface PipelineTimings {
  readonly decodeMs: number;
  readonly detectMs: number;
  readonly recogniseMs: number;
  readonly totalMs: number;
  /** Of the above, time inside onnxruntime `session.run`. */
  readonly inferenceMs: number;
}

export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat;
}

export type PipelineOutcome =
  | {
      readonly kind: 'read';
      readonly image: ImageInfo;
      readonly candidates: readonly PlateCandidate[];
      readonly timings: PipelineTimings;
    }
  | { readonly kind: 'unreadable-image'; readonly reason: UnreadableReason; readonly message: string };
