import { Tensor } from 'onnxruntime-node';
import { resizeBilinear } from '../image/bilinear-resize';
import { type RawImage } from '../image/raw-image';
import { softmaxInto } from '../recognition/ctc-decoder';
import { type OnnxModel } from '../engine/onnx-model';
import {
  type ColourRead,
  type PlateColourClassifier,
  type RecognisedColour,
} from '../engine/plate-engine.interface';

export const HYPERLPR_COLOUR_CLASSIFIER = { id: 'hyperlpr_cls', file: 'litemodel_cls_96x_r1.onnx' } as const;

const SIZE = 96;
const CLASSES: readonly RecognisedColour[] = ['blue', 'green', 'yellow'];

/** HyperLPR litemodel_cls_96x_r1: blue / green / yellow from the rectified plate (batch of 1 only). */
export class HyperlprColourClassifier implements PlateColourClassifier {
  readonly id = HYPERLPR_COLOUR_CLASSIFIER.id;

  constructor(private readonly model: OnnxModel) {}

  async classify(plates: readonly RawImage[]): Promise<ColourRead[]> {
    const reads: ColourRead[] = [];
    for (const plate of plates) {
      const { data } = resizeBilinear(plate, SIZE, SIZE);
      const plane = SIZE * SIZE;
      const input = new Float32Array(3 * plane);
      for (let i = 0; i < plane; i++) {
        input[i] = (data[i * 3 + 2] as number) / 255;
        input[plane + i] = (data[i * 3 + 1] as number) / 255;
        input[2 * plane + i] = (data[i * 3] as number) / 255;
      }
      const outputs = await this.model.run({ data: new Tensor('float32', input, [1, 3, SIZE, SIZE]) });
      const scores = Object.values(outputs)[0]?.data as Float32Array | undefined;
      if (!scores) throw new Error('litemodel_cls_96x_r1.onnx: missing output');
      const probs = new Float32Array(CLASSES.length);
      // Scores may already be probabilities; softmax keeps the argmax either way.
      softmaxInto(scores.subarray(0, CLASSES.length), probs);
      let best = 0;
      for (let i = 1; i < probs.length; i++) if ((probs[i] as number) > (probs[best] as number)) best = i;
      reads.push({ colour: CLASSES[best] ?? 'blue', confidence: probs[best] as number });
    }
    return reads;
  }
}
