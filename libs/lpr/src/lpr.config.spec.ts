import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@ecogate/config';
import { DEFAULT_GATE, defaultModelDir, FRAMING_PRESETS, lprConfig } from './lpr.config';

describe('lprConfig', () => {
  it('defaults to the shared models beside the repository and the calibrated gate', () => {
    const config = lprConfig.load({});
    expect(config.engine.modelDir).toBe(defaultModelDir());
    expect(existsSync(join(config.engine.modelDir, 'plate_detect.onnx'))).toBe(true);
    expect(config.engine.detectors).toEqual(['plate_detect']);
    expect(config.gate).toEqual(DEFAULT_GATE);
    expect(config.pipeline.framings).toBe(FRAMING_PRESETS['9']);
  });

  it('swaps models and thresholds by configuration', () => {
    const config = lprConfig.load({
      LPR_MODEL_DIR: '/models',
      LPR_DETECTORS: 'y5fu_320, plate_detect',
      LPR_COLOUR_SOURCE: 'hyperlpr_cls',
      LPR_MODEL_SHA256: `y5fu_320x_sim.onnx=${'a'.repeat(64)}`,
      LPR_INTRA_OP_THREADS: '2',
      LPR_MIN_CHAR_CONFIDENCE: '0.9',
    });
    expect(config.engine).toMatchObject({
      modelDir: '/models',
      detectors: ['y5fu_320', 'plate_detect'],
      colour: 'hyperlpr_cls',
      sha256: { 'y5fu_320x_sim.onnx': 'a'.repeat(64) },
      intraOpNumThreads: 2,
    });
    expect(config.gate.minCharConfidence).toBe(0.9);
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      lprConfig.load({
        LPR_DETECTORS: 'yolo9',
        LPR_MODEL_SHA256: 'x.onnx=123',
        LPR_MIN_CHAR_CONFIDENCE: '2',
        LPR_WORKERS: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
      'LPR_DETECTORS',
      'LPR_MIN_CHAR_CONFIDENCE',
      'LPR_MODEL_SHA256',
      'LPR_WORKERS',
    ]);
  });
});

describe('defaultModelDir', () => {
  it('is ../shared/models relative to the folder holding nx.json', () => {
    expect(defaultModelDir(__dirname)).toBe(join(__dirname, '..', '..', '..', '..', 'shared', 'models'));
  });
});
