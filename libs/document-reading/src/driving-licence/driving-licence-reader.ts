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

/** A photo of a 行驶证 in, its fields out: decode → detect lines → read each → fields by label. */
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
    const decodedAt = performance.now();
    const boxes = await this.engine.detector.detect(decoded.image);
    const detectedAt = performance.now();
    const lines = await this.readLines(decoded.image, boxes);
    return {
      kind: 'read',
      read: extractLicenceFields(arrangeRows(lines)),
      image: { width: decoded.image.width, height: decoded.image.height },
      lines: lines.length,
      timings: {
        decodeMs: decodedAt - started,
        detectMs: detectedAt - decodedAt,
        recogniseMs: performance.now() - detectedAt,
      },
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
