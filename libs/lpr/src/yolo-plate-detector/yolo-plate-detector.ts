import { Tensor } from 'onnxruntime-node';
import { type Point, type Quad } from '../image/perspective-warp';
import { type RawImage } from '../image/raw-image';
import { type OnnxModel } from '../engine/onnx-model';
import { type PlateDetection, type PlateDetector } from '../engine/plate-engine.interface';
import { letterbox } from './letterbox';
import { nonMaxSuppression } from './non-max-suppression';

/** The contract shared by plate_detect.onnx and HyperLPR's y5fu_* (see the models README). */
export interface YoloDetectorSpec {
  readonly id: string;
  readonly file: string;
  readonly inputSize: number;
  readonly padValue: number;
  readonly objectnessThreshold: number;
}

export const YOLO_DETECTORS = {
  plate_detect: {
    id: 'plate_detect',
    file: 'plate_detect.onnx',
    inputSize: 640,
    padValue: 114,
    objectnessThreshold: 0.3,
  },
  y5fu_640: {
    id: 'y5fu_640',
    file: 'y5fu_640x_sim.onnx',
    inputSize: 640,
    padValue: 0,
    objectnessThreshold: 0.25,
  },
  y5fu_320: {
    id: 'y5fu_320',
    file: 'y5fu_320x_sim.onnx',
    inputSize: 320,
    padValue: 0,
    objectnessThreshold: 0.25,
  },
} as const satisfies Record<string, YoloDetectorSpec>;

export type YoloDetectorId = keyof typeof YOLO_DETECTORS;

const ROW = 15;
const NMS_IOU = 0.5;

export class YoloPlateDetector implements PlateDetector {
  readonly id: string;

  constructor(
    private readonly model: OnnxModel,
    private readonly spec: YoloDetectorSpec,
  ) {
    this.id = spec.id;
  }

  async detect(image: RawImage): Promise<PlateDetection[]> {
    const size = this.spec.inputSize;
    const lb = await letterbox(image, size, this.spec.padValue);
    const input = new Tensor('float32', lb.tensor, [1, 3, size, size]);
    const outputs = await this.model.run({ [this.model.inputNames[0] ?? 'input']: input });
    const output = Object.values(outputs)[0];
    if (!output) return [];
    const rows = output.data as Float32Array;
    const unmap = (v: number, offset: number) => (v - offset) / lb.scale;
    const candidates: PlateDetection[] = [];
    for (let r = 0; r + ROW <= rows.length; r += ROW) {
      const objectness = rows[r + 4] as number;
      if (objectness <= this.spec.objectnessThreshold) continue;
      const pSingle = rows[r + 13] as number;
      const pDouble = rows[r + 14] as number;
      const cx = rows[r] as number;
      const cy = rows[r + 1] as number;
      const w = rows[r + 2] as number;
      const h = rows[r + 3] as number;
      const corner = (i: number): Point => ({
        // Corners are not clamped: a plate cut by the frame edge keeps its true geometry (warp pads with 0).
        x: unmap(rows[r + 5 + 2 * i] as number, lb.left),
        y: unmap(rows[r + 6 + 2 * i] as number, lb.top),
      });
      const x1 = clamp(unmap(cx - w / 2, lb.left), image.width);
      const y1 = clamp(unmap(cy - h / 2, lb.top), image.height);
      const x2 = clamp(unmap(cx + w / 2, lb.left), image.width);
      const y2 = clamp(unmap(cy + h / 2, lb.top), image.height);
      candidates.push({
        box: { x: x1, y: y1, width: x2 - x1, height: y2 - y1 },
        corners: [corner(0), corner(1), corner(2), corner(3)] as Quad,
        score: objectness * Math.max(pSingle, pDouble),
        rows: pDouble > pSingle ? 'double' : 'single',
      });
    }
    return nonMaxSuppression(candidates, NMS_IOU);
  }
}

const clamp = (v: number, max: number) => Math.min(Math.max(v, 0), max);
