import { type PlateCandidate } from '../recognition/plate-candidate';
import { type PipelineRunner, PlateReader } from '../recognition/plate-reader';
import { type GateOptions } from '../recognition/read-gate';

/** A wide, confident, agreed-on read of `text`; override what the test is about. */
export function plateCandidate(
  overrides: Partial<PlateCandidate> & { readonly text: string; readonly confidences?: readonly number[] },
): PlateCandidate {
  const { confidences, ...fields } = overrides;
  return {
    box: { x: 0, y: 0, width: 100, height: 30 },
    corners: [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 30 },
      { x: 0, y: 30 },
    ],
    rows: 'single',
    detectionScore: 0.9,
    detector: 'plate_detect',
    characters: Array.from(overrides.text, (char, i) => ({ char, confidence: confidences?.[i] ?? 0.99 })),
    colour: { colour: 'blue', confidence: 0.9 },
    masked: false,
    widthPx: 100,
    agreement: { agreeing: 9, crops: 9 },
    variants: [],
    cropJpeg: new Uint8Array(),
    ...fields,
  };
}

export const TEST_GATE: GateOptions = {
  minPlateWidthPx: 48,
  minCharConfidence: 0.8,
  minColourConfidence: 0.6,
};

/** A reader whose pipeline "found" these candidates in whatever image it is given. */
export function readerOver(
  candidates: readonly PlateCandidate[],
  gate: GateOptions = TEST_GATE,
): PlateReader {
  const runner: PipelineRunner = {
    run: () =>
      Promise.resolve({
        kind: 'read',
        image: { width: 640, height: 480, format: 'jpeg' },
        candidates,
        timings: { decodeMs: 0, detectMs: 0, recogniseMs: 0, totalMs: 0, inferenceMs: 0 },
      }),
  };
  return new PlateReader(runner, gate);
}

/** A second recogniser's read of `text`, every character at `confidence`. */
export const secondOpinion = (
  text: string,
  confidence = 0.99,
): NonNullable<PlateCandidate['secondOpinion']> => ({
  recogniser: 'ppocr_v4',
  text,
  confidence,
  characters: Array.from(text, (char) => ({ char, confidence })),
});
