import { type PlateCandidate } from '../recognition/plate-candidate';

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
