import { type Quad } from '../image/perspective-warp';
import { type RawImage } from '../image/raw-image';

// The engine is three roles, each behind an interface so another model can be swapped in by
// configuration: a detector (plates + corners), a text recogniser and an optional colour classifier.

export type PlateRows = 'single' | 'double';

/** The colours the recognisers can tell apart (large new-energy plates come out as `green`). */
export const RECOGNISED_COLOURS = ['black', 'blue', 'green', 'white', 'yellow'] as const;
export type RecognisedColour = (typeof RECOGNISED_COLOURS)[number];

export const isRecognisedColour = (colour: string): colour is RecognisedColour =>
  (RECOGNISED_COLOURS as readonly string[]).includes(colour);

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlateDetection {
  readonly box: Box;
  readonly corners: Quad;
  /** objectness × class probability */
  readonly score: number;
  readonly rows: PlateRows;
}

export interface PlateDetector {
  readonly id: string;
  detect(image: RawImage): Promise<PlateDetection[]>;
}

export interface CharacterRead {
  readonly char: string;
  readonly confidence: number;
}

export interface ColourRead {
  readonly colour: RecognisedColour;
  readonly confidence: number;
  /** The colours the source chose among, when it cannot tell them all apart. */
  readonly among?: readonly RecognisedColour[];
}

export interface TextRead {
  readonly text: string;
  readonly characters: readonly CharacterRead[];
  /** Set when the recogniser has its own colour head. */
  readonly colour?: ColourRead;
  /** True when the alphabet mask replaced a character the network preferred. */
  readonly masked: boolean;
}

export interface PlateTextRecogniser {
  readonly id: string;
  /** Reads single-line plate images (double-row plates already joined). */
  recognise(lines: readonly RawImage[]): Promise<TextRead[]>;
}

export interface PlateColourClassifier {
  readonly id: string;
  classify(plates: readonly RawImage[]): Promise<ColourRead[]>;
}

export interface PlateEngine {
  readonly detectors: readonly PlateDetector[];
  readonly recogniser: PlateTextRecogniser;
  /** An independent second reader: a plate it reads differently goes to review. */
  readonly secondRecogniser?: PlateTextRecogniser;
  readonly colourClassifier?: PlateColourClassifier;
  /** Total milliseconds spent inside onnxruntime `session.run` since start (for overhead figures). */
  inferenceMs(): number;
}
