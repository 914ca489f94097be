import { decodeImage } from '../image/image-decoder';
import { MODEL_MANIFEST } from '../engine/model-manifest';
import { OnnxModel } from '../engine/onnx-model';
import { silentLogger } from '../engine/lpr-logger';
import { cropBytes, MODEL_DIR } from '../testing/sample-files';
import { HYPERLPR_COLOUR_CLASSIFIER, HyperlprColourClassifier } from './hyperlpr-colour-classifier';

let model: OnnxModel;

beforeAll(async () => {
  const { file } = HYPERLPR_COLOUR_CLASSIFIER;
  model = await OnnxModel.load(
    MODEL_DIR,
    { file, sha256: MODEL_MANIFEST[file] },
    { intraOpNumThreads: 1, logSeverityLevel: 3 },
    silentLogger,
  );
});

afterAll(() => model.release());

describe('HyperlprColourClassifier with the real model', () => {
  it.each(['京PL3N67.jpg', '沪AMS087.jpg', '浙A6MX97.jpg', '皖A00E66.jpg'])(
    'calls the blue plate %s blue with the model’s own probability',
    async (file) => {
      const decoded = await decodeImage(cropBytes(file), { maxPixels: 1e7, timeoutSeconds: 5 });
      if (!decoded.ok) throw new Error(`${file} did not decode`);
      const [read] = await new HyperlprColourClassifier(model).classify([decoded.image]);
      // The graph ends in a softmax; a second one squeezed every answer to about 0.58.
      expect(read).toEqual({
        colour: 'blue',
        confidence: expect.any(Number),
        among: ['blue', 'green', 'yellow'],
      });
      expect(read?.confidence).toBeGreaterThan(0.9);
    },
  );
});
