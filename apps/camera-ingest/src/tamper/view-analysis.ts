import { type OnApplicationShutdown } from '@nestjs/common';
import {
  ViewAnalysisPool,
  type ViewAnalysisPoolOptions,
  type ViewAssessment,
  type ViewSignature,
} from '@ecogate/camera-tamper';

export const VIEW_ANALYSIS = Symbol('VIEW_ANALYSIS');

/** The image analysis the reference views and the view check use (`@ecogate/camera-tamper`; tests may fake it). */
export interface ViewAnalysis {
  signature(image: Buffer): Promise<ViewSignature>;
  assess(reference: ViewSignature, frame: Buffer): Promise<ViewAssessment>;
  fingerprint(frame: Buffer): Promise<string>;
}

/**
 * The analysis in worker threads (`ViewAnalysisPool`): its pixel loops (~20-30 ms a check) would
 * otherwise hold the event loop that answers camera pushes and triggered lane captures. Started on
 * first use, so a push receiver, whose view check is off, starts no thread until a reference view
 * is taken; closed with the app, after the view check has finished its run (onModuleDestroy).
 */
export class PooledViewAnalysis implements ViewAnalysis, OnApplicationShutdown {
  private pool: Promise<ViewAnalysisPool> | undefined;
  private closed = false;

  constructor(private readonly options: ViewAnalysisPoolOptions) {}

  async signature(image: Buffer): Promise<ViewSignature> {
    return (await this.started()).signature(image);
  }

  async assess(reference: ViewSignature, frame: Buffer): Promise<ViewAssessment> {
    return (await this.started()).assess(reference, frame);
  }

  async fingerprint(frame: Buffer): Promise<string> {
    return (await this.started()).fingerprint(frame);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const pool = await this.pool?.catch(() => undefined);
    await pool?.close();
  }

  private started(): Promise<ViewAnalysisPool> {
    if (this.closed) return Promise.reject(new Error('the view analysis is closed'));
    this.pool ??= ViewAnalysisPool.start(this.options).catch((error: unknown) => {
      this.pool = undefined; // the next check tries again
      throw error;
    });
    return this.pool;
  }
}
