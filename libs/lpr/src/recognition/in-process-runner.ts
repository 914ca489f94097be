import { type PipelineMode, type PlatePipeline } from './plate-pipeline';
import { type PipelineRunner } from './plate-reader';

/** Runs the pipeline on the calling thread: for benchmarks, tools and tests, not for a service. */
export class InProcessRunner implements PipelineRunner {
  constructor(private readonly pipeline: PlatePipeline) {}

  async run(bytes: Uint8Array, mode: PipelineMode): ReturnType<PipelineRunner['run']> {
    try {
      return await this.pipeline.run(bytes, mode);
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }
}
