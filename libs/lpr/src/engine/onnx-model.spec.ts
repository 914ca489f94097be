import { MODEL_DIR } from '../testing/sample-files';
import { silentLogger, type LprLogger } from './lpr-logger';
import { MODEL_MANIFEST } from './model-manifest';
import { ModelIntegrityError, OnnxModel } from './onnx-model';
import { createPlateEngine } from './plate-engine.factory';

describe('OnnxModel.load', () => {
  it('loads a model whose sha256 matches, logging progress', async () => {
    const lines: string[] = [];
    const logger: LprLogger = { ...silentLogger, info: (_, message) => lines.push(message) };
    const model = await OnnxModel.load(
      MODEL_DIR,
      { file: 'plate_rec_color.onnx', sha256: MODEL_MANIFEST['plate_rec_color.onnx'] },
      { intraOpNumThreads: 1 },
      logger,
    );
    expect(model.inputNames).toEqual(['input']);
    expect(lines).toEqual(['loading model', 'model loaded and verified']);
    await model.release();
  });

  it('refuses a file whose sha256 differs', async () => {
    await expect(
      OnnxModel.load(
        MODEL_DIR,
        { file: 'plate_rec_color.onnx', sha256: '0'.repeat(64) },
        { intraOpNumThreads: 1 },
        silentLogger,
      ),
    ).rejects.toBeInstanceOf(ModelIntegrityError);
  });

  it('fails on a missing file', async () => {
    await expect(
      OnnxModel.load(
        MODEL_DIR,
        { file: 'missing.onnx', sha256: '0'.repeat(64) },
        { intraOpNumThreads: 1 },
        silentLogger,
      ),
    ).rejects.toThrow(/ENOENT/);
  });
});

describe('createPlateEngine', () => {
  it('wires the configured detectors, recogniser and colour classifier', async () => {
    const engine = await createPlateEngine(
      {
        modelDir: MODEL_DIR,
        detectors: ['y5fu_320', 'plate_detect'],
        recogniser: 'plate_rec_color',
        colour: 'hyperlpr_cls',
        sha256: {},
        intraOpNumThreads: 1,
      },
      silentLogger,
    );
    expect(engine.detectors.map((d) => d.id)).toEqual(['y5fu_320', 'plate_detect']);
    expect(engine.recogniser.id).toBe('plate_rec_color');
    expect(engine.colourClassifier?.id).toBe('hyperlpr_cls');
    await engine.release();
  });

  it('refuses a configuration whose hash override does not match the file', async () => {
    await expect(
      createPlateEngine(
        {
          modelDir: MODEL_DIR,
          detectors: ['plate_detect'],
          recogniser: 'plate_rec_color',
          colour: 'recogniser',
          sha256: { 'plate_detect.onnx': 'f'.repeat(64) },
          intraOpNumThreads: 1,
        },
        silentLogger,
      ),
    ).rejects.toBeInstanceOf(ModelIntegrityError);
  });
});
