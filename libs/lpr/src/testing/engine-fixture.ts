import { createPlateEngine, type LoadedEngine } from '../engine/plate-engine.factory';
import { silentLogger } from '../engine/lpr-logger';
import { lprConfig, type LprConfig } from '../lpr.config';
import { InProcessRunner } from '../recognition/in-process-runner';
import { PlatePipeline } from '../recognition/plate-pipeline';
import { PlateReader } from '../recognition/plate-reader';

/** The default configuration with the real shared models, one onnxruntime thread. */
export const testConfig = (): LprConfig => {
  const config = lprConfig.load({ LPR_INTRA_OP_THREADS: '1' });
  return config;
};

export interface EngineFixture {
  engine: LoadedEngine;
  pipeline: PlatePipeline;
  reader: PlateReader;
}

export async function loadEngineFixture(config: LprConfig = testConfig()): Promise<EngineFixture> {
  const engine = await createPlateEngine(config.engine, silentLogger);
  const pipeline = new PlatePipeline(engine, config.pipeline);
  return { engine, pipeline, reader: new PlateReader(new InProcessRunner(pipeline), config.gate) };
}
