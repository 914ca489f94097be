import { defineConfig } from '@ecogate/config';
import { lprConfigFrom, lprEnv } from '@ecogate/lpr';
import { drivingLicenceConfigFrom, drivingLicenceEnv } from './driving-licence.config';

const config = defineConfig({ ...lprEnv, ...drivingLicenceEnv }, (env) =>
  drivingLicenceConfigFrom(env, lprConfigFrom(env)),
);

describe('drivingLicenceConfigFrom', () => {
  it('has one worker and the npm models by default, limits and threads from the plate engine', () => {
    const loaded = config.load({ LPR_INTRA_OP_THREADS: '2', LPR_MAX_INPUT_PIXELS: '1000000' });
    expect(loaded.pool).toMatchObject({ workers: 1, queueLimit: 4, jobTimeoutMs: 30_000 });
    expect(loaded.init.engine.modelDir).toBeUndefined();
    expect(loaded.init.engine.intraOpNumThreads).toBe(2);
    expect(loaded.init.engine.detector?.limitSide).toBe(960);
    expect(loaded.init.reader).toEqual({ maxInputPixels: 1_000_000, decodeTimeoutSeconds: 30 });
  });

  it('reads the PP-OCR folder, swapped hashes and its own pool settings', () => {
    const sha = 'a'.repeat(64);
    const loaded = config.load({
      LPR_PPOCR_MODEL_DIR: '/models/ppocr',
      LPR_MODEL_SHA256: `ch_PP-OCRv4_det_infer.onnx=${sha}`,
      LICENCE_OCR_WORKERS: '2',
      LICENCE_OCR_QUEUE_LIMIT: '0',
      LICENCE_OCR_LIMIT_SIDE: '1280',
    });
    expect(loaded.init.engine).toMatchObject({
      modelDir: '/models/ppocr',
      sha256: { 'ch_PP-OCRv4_det_infer.onnx': sha },
      detector: { limitSide: 1280 },
    });
    expect(loaded.pool).toMatchObject({ workers: 2, queueLimit: 0 });
  });

  it('refuses a detector size it cannot run', () => {
    expect(() => config.load({ LICENCE_OCR_LIMIT_SIDE: '100' })).toThrow(/LICENCE_OCR_LIMIT_SIDE/);
  });
});
