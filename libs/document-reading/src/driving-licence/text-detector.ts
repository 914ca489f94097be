import { type OnnxModel, type RawImage, resizeBilinear } from '@ecogate/lpr';
import { Tensor } from 'onnxruntime-node';
import { boxesFromProbabilityMap, type BoxOptions, DEFAULT_BOX_OPTIONS, type TextBox } from './text-boxes';

export const PPOCR_DETECTOR = { id: 'ppocr_v4_det', file: 'ch_PP-OCRv4_det_infer.onnx' } as const;

export interface DetectorOptions {
  /** The longer side is brought down to this (PaddleOCR's `limit_side_len`); never enlarged. */
  readonly limitSide: number;
  readonly boxes: BoxOptions;
}

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = { limitSide: 960, boxes: DEFAULT_BOX_OPTIONS };

// ImageNet statistics, applied in the BGR channel order PaddleOCR feeds (it reads with OpenCV).
const MEAN = [0.485, 0.456, 0.406] as const;
const STD = [0.229, 0.224, 0.225] as const;
const STRIDE = 32;

/** PaddleOCR PP-OCRv4 text detector (DB): a photo in, the oriented boxes of its text lines out. */
export class PpocrTextDetector {
  readonly id = PPOCR_DETECTOR.id;

  constructor(
    private readonly model: OnnxModel,
    private readonly options: DetectorOptions = DEFAULT_DETECTOR_OPTIONS,
  ) {}

  async detect(image: RawImage): Promise<TextBox[]> {
    const ratio = Math.min(1, this.options.limitSide / Math.max(image.width, image.height));
    // The network downsamples by 32: both sides must be multiples of it.
    const width = Math.max(STRIDE, Math.round((image.width * ratio) / STRIDE) * STRIDE);
    const height = Math.max(STRIDE, Math.round((image.height * ratio) / STRIDE) * STRIDE);
    const resized = resizeBilinear(image, width, height);
    const plane = width * height;
    const input = new Float32Array(3 * plane);
    const { data } = resized;
    for (let i = 0; i < plane; i++) {
      // Planes in B, G, R order.
      for (let c = 0; c < 3; c++) {
        const value = (data[i * 3 + (2 - c)] as number) / 255;
        input[c * plane + i] = (value - (MEAN[c] as number)) / (STD[c] as number);
      }
    }
    const inputName = this.model.inputNames[0] ?? 'x';
    const outputs = await this.model.run({
      [inputName]: new Tensor('float32', input, [1, 3, height, width]),
    });
    const output = Object.values(outputs)[0];
    if (!output) throw new Error(`${PPOCR_DETECTOR.file}: missing output`);
    const [, , mapHeight = 0, mapWidth = 0] = output.dims;
    if (mapHeight !== height || mapWidth !== width)
      throw new Error(`${PPOCR_DETECTOR.file}: output ${mapWidth}×${mapHeight}, expected ${width}×${height}`);
    return boxesFromProbabilityMap(
      { width, height, data: output.data as Float32Array },
      { x: image.width / width, y: image.height / height },
      this.options.boxes,
    );
  }
}
