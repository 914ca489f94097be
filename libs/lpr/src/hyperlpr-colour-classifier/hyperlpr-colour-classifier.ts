import { Tensor } from 'onnxruntime-node';
import { resizeBilinear } from '../image/bilinear-resize';
import { type RawImage } from '../image/raw-image';
import { type OnnxModel } from '../engine/onnx-model';
import {
  type ColourRead,
  type PlateColourClassifier,
  type RecognisedColour,
} from '../engine/plate-engine.interface';

export const HYPERLPR_COLOUR_CLASSIFIER = { id: 'hyperlpr_cls', file: 'litemodel_cls_96x_r1.onnx' } as const;

const SIZE = 96;
const CLASSES: readonly RecognisedColour[] = ['blue', 'green', 'yellow'];

/**
 * HyperLPR litemodel_cls_96x_r1: blue / green / yellow from the rectified plate (batch of 1 only).
 * Its graph ends in a softmax: the output is already probabilities (a second softmax squeezed every
 * confidence to about 0.58). It knows no white or black plate, so each read names the colours it
 * chose among and the reader ignores it for plates of other colours (police, WJ, embassy, HK).
 */
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
      let best = 0;
      for (let i = 1; i < CLASSES.length; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
      reads.push({ colour: CLASSES[best] ?? 'blue', confidence: scores[best] as number, among: CLASSES });
    }
    return reads;
  }
}
