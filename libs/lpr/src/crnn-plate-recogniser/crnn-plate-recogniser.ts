import { Tensor } from 'onnxruntime-node';
import { resizeBilinear } from '../image/bilinear-resize';
import { type RawImage } from '../image/raw-image';
import { ctcGreedyDecode, softmaxInto } from '../recognition/ctc-decoder';
import { type OnnxModel } from '../engine/onnx-model';
import { type ColourRead, type PlateTextRecogniser, type TextRead } from '../engine/plate-engine.interface';
import { allowedAt, CRNN_ALPHABET, CRNN_COLOURS } from './plate-alphabet';

export const CRNN_RECOGNISER = { id: 'plate_rec_color', file: 'plate_rec_color.onnx' } as const;

const WIDTH = 168;
const HEIGHT = 48;
const MEAN = 0.588;
const STD = 0.193;

/** plate_rec_color.onnx: CRNN + CTC over 78 classes, with a 5-way colour head. */
export class CrnnPlateRecogniser implements PlateTextRecogniser {
  readonly id = CRNN_RECOGNISER.id;

  constructor(private readonly model: OnnxModel) {}

  async recognise(lines: readonly RawImage[]): Promise<TextRead[]> {
    if (lines.length === 0) return [];
    const plane = WIDTH * HEIGHT;
    const input = new Float32Array(lines.length * 3 * plane);
    lines.forEach((line, n) => fillBgrNormalised(resizeBilinear(line, WIDTH, HEIGHT), input, n * 3 * plane));
    const outputs = await this.model.run({
      input: new Tensor('float32', input, [lines.length, 3, HEIGHT, WIDTH]),
    });
    const text = outputs['output'];
    const colour = outputs['126'];
    if (!text || !colour) throw new Error('plate_rec_color.onnx: missing outputs');
    const [, steps = 0, classes = 0] = text.dims;
    const textData = text.data as Float32Array;
    const colourData = colour.data as Float32Array;
    return lines.map((_, n) => {
      const decoded = ctcGreedyDecode(
        textData.subarray(n * steps * classes, (n + 1) * steps * classes),
        steps,
        {
          alphabet: CRNN_ALPHABET,
          allowedAt,
          logits: true,
        },
      );
      return {
        ...decoded,
        colour: colourFrom(colourData.subarray(n * CRNN_COLOURS.length, (n + 1) * CRNN_COLOURS.length)),
      };
    });
  }
}

/** BGR channel order matters: RGB input turns blue plates "black" and breaks the province character. */
function fillBgrNormalised(image: RawImage, out: Float32Array, offset: number): void {
  const plane = image.width * image.height;
  const { data } = image;
  for (let i = 0; i < plane; i++) {
    out[offset + i] = ((data[i * 3 + 2] as number) / 255 - MEAN) / STD;
    out[offset + plane + i] = ((data[i * 3 + 1] as number) / 255 - MEAN) / STD;
    out[offset + 2 * plane + i] = ((data[i * 3] as number) / 255 - MEAN) / STD;
  }
}

function colourFrom(logits: Float32Array): ColourRead {
  const probs = new Float32Array(logits.length);
  softmaxInto(logits, probs);
  let best = 0;
  for (let i = 1; i < probs.length; i++) if ((probs[i] as number) > (probs[best] as number)) best = i;
  return { colour: CRNN_COLOURS[best] ?? 'blue', confidence: probs[best] as number };
}
