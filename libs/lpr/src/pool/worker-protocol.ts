import { type EngineConfig } from '../engine/plate-engine.factory';
import { type PipelineOutcome } from '../recognition/plate-candidate';
import { type PipelineMode, type PipelineOptions } from '../recognition/plate-pipeline';

/** What a worker is started with (structured-cloned into it). */
export interface WorkerInit {
  readonly engine: EngineConfig;
  readonly pipeline: PipelineOptions;
  /** libvips threads per worker; 1 keeps workers × threads within the cores. */
  readonly sharpConcurrency: number;
}

export type ToWorker = {
  readonly type: 'run';
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly mode: PipelineMode;
};

/** What a worker answers; `O` is its outcome (another worker script may run another job, e.g. a document reader). */
export type FromWorker<O = PipelineOutcome> =
  | { readonly type: 'ready'; readonly warmUpMs: number }
  | { readonly type: 'init-failed'; readonly message: string }
  | {
      readonly type: 'log';
      readonly level: 'info' | 'warn' | 'error';
      readonly fields: Record<string, unknown>;
      readonly message: string;
    }
  | { readonly type: 'result'; readonly id: number; readonly outcome: O }
  | { readonly type: 'crashed'; readonly id: number; readonly message: string };
