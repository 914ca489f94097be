import { type DrivingLicenceRead } from '@ecogate/contracts';
import {
  decodeImage,
  type RawImage,
  rectifiedSize,
  type UnreadableReason,
  warpPerspective,
} from '@ecogate/lpr';
import { type DrivingLicenceEngine } from './driving-licence-engine';
import { extractLicenceFields } from './licence-fields';
import { rotateQuarterTurns } from './quarter-turns';
import { type TextBox } from './text-boxes';
import { arrangeRows, type ReadLine } from './text-lines';

export interface DrivingLicenceReaderOptions {
  /** Inputs with more pixels are refused from their header (`LPR_MAX_INPUT_PIXELS`). */
  readonly maxInputPixels: number;
  readonly decodeTimeoutSeconds: number;
}

export type DrivingLicenceOutcome =
  | {
      readonly kind: 'read';
      readonly read: DrivingLicenceRead;
      readonly image: { readonly width: number; readonly height: number };
      readonly lines: number;
      /** Clockwise quarter turns the photo needed to be read upright (0 for a photo taken upright). */
      readonly quarterTurns: QuarterTurns;
      readonly timings: {
        readonly decodeMs: number;
        readonly detectMs: number;
        readonly recogniseMs: number;
      };
    }
  | { readonly kind: 'unreadable-image'; readonly reason: UnreadableReason; readonly message: string };

/** PaddleOCR's `drop_score`: a line read with less mean confidence is noise (a stamp, a fold). */
const MIN_LINE_CONFIDENCE = 0.5;
/** Lines per recogniser run: sorted by width, so little padding is wasted. */
const BATCH = 8;
type QuarterTurns = 0 | 1 | 2 | 3;

/**
 * A photo of a 行驶证 in, its fields out: decode → detect lines → read each → fields by label. A
 * photo that shows no licence upright is tried upside down and sideways (at most 4× the work,
 * only for such photos).
 */
export class DrivingLicenceReader {
  constructor(
    private readonly engine: DrivingLicenceEngine,
    private readonly options: DrivingLicenceReaderOptions,
  ) {}

  async read(bytes: Uint8Array): Promise<DrivingLicenceOutcome> {
    const started = performance.now();
    const decoded = await decodeImage(bytes, {
      maxPixels: this.options.maxInputPixels,
      timeoutSeconds: this.options.decodeTimeoutSeconds,
    });
    if (!decoded.ok) return { kind: 'unreadable-image', reason: decoded.reason, message: decoded.message };
    const decodeMs = performance.now() - started;
    const timings = { decodeMs, detectMs: 0, recogniseMs: 0 };
    let chosen: { read: DrivingLicenceRead; lines: number; quarterTurns: QuarterTurns } | undefined;
    // Upright first; then, if most lines stand taller than wide, the page lies sideways: those two turns next.
    const orientations: QuarterTurns[] = [0];
    for (const quarterTurns of orientations) {
      const image = rotateQuarterTurns(decoded.image, quarterTurns);
      const detecting = performance.now();
      const boxes = await this.engine.detector.detect(image);
      if (quarterTurns === 0)
        orientations.push(...(mostlyUpright(boxes) ? ([2, 1, 3] as const) : ([1, 3, 2] as const)));
      const recognising = performance.now();
      const lines = await this.readLines(image, boxes);
      timings.detectMs += recognising - detecting;
      timings.recogniseMs += performance.now() - recognising;
      const read = extractLicenceFields(arrangeRows(lines));
      // Without a licence in any orientation, the upright read (found: false) is the answer.
      if (read.found || !chosen) chosen = { read, lines: lines.length, quarterTurns };
      if (read.found) break;
    }
    return {
      kind: 'read',
      read: chosen?.read ?? extractLicenceFields([]),
      image: { width: decoded.image.width, height: decoded.image.height },
      lines: chosen?.lines ?? 0,
      quarterTurns: chosen?.quarterTurns ?? 0,
      timings,
    };
  }

  private async readLines(image: RawImage, boxes: readonly TextBox[]): Promise<ReadLine[]> {
    const crops = boxes
      .map((box) => {
        const { width, height } = rectifiedSize(box.quad);
        return { box, crop: warpPerspective(image, box.quad, width, height) };
      })
      .filter((c): c is { box: TextBox; crop: RawImage } => c.crop !== undefined)
      .sort((a, b) => a.crop.width / a.crop.height - b.crop.width / b.crop.height);
    const lines: ReadLine[] = [];
    for (let i = 0; i < crops.length; i += BATCH) {
      const batch = crops.slice(i, i + BATCH);
      const reads = await this.engine.recogniser.recognise(batch.map((c) => c.crop));
      reads.forEach((read, n) => {
        const mean = read.characters.reduce((s, c) => s + c.confidence, 0) / (read.characters.length || 1);
        const box = batch[n]?.box;
        if (box && read.characters.length > 0 && mean >= MIN_LINE_CONFIDENCE)
          lines.push({ text: read.text, characters: read.characters, quad: box.quad });
      });
    }
    return lines;
  }
}

/** Whether most boxes are wider than tall (text lines lying along the photo's width). */
function mostlyUpright(boxes: readonly TextBox[]): boolean {
  const wide = boxes.filter((b) => {
    const { width, height } = rectifiedSize(b.quad);
    return width >= height;
  }).length;
  return wide * 2 >= boxes.length;
}
