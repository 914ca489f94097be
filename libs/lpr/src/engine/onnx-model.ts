import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InferenceSession, type Tensor } from 'onnxruntime-node';
import { type LprLogger } from './lpr-logger';

export interface ModelFileRef {
  readonly file: string;
  readonly sha256: string;
}

export interface SessionOptions {
  /** onnxruntime intra-op threads (0 = its default: one per core). */
  readonly intraOpNumThreads: number;
  /** 3 = errors only; the HyperLPR classifier otherwise prints one warning per weight. */
  readonly logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
}

export class ModelIntegrityError extends Error {
  readonly code = 'model-integrity';
  constructor(file: string, expected: string, actual: string) {
    super(`${file}: sha256 ${actual} does not match the expected ${expected}`);
    this.name = 'ModelIntegrityError';
  }
}

/** Reads `dir/file` and checks its sha256; a mismatch throws `ModelIntegrityError`. */
export async function readVerifiedFile(dir: string, ref: ModelFileRef): Promise<Buffer> {
  const bytes = await readFile(join(dir, ref.file));
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== ref.sha256.toLowerCase()) throw new ModelIntegrityError(ref.file, ref.sha256, actual);
  return bytes;
}

/** One onnxruntime session, loaded from a verified file, that counts the time spent in `run`. */
export class OnnxModel {
  #runMs = 0;

  private constructor(
    readonly file: string,
    private readonly session: InferenceSession,
  ) {}

  static async load(
    dir: string,
    ref: ModelFileRef,
    options: SessionOptions,
    logger: LprLogger,
  ): Promise<OnnxModel> {
    const path = join(dir, ref.file);
    const started = performance.now();
    logger.info({ model: ref.file, path }, 'loading model');
    // The session is built from the very bytes that were hashed: nothing can change in between.
    const bytes = await readVerifiedFile(dir, ref);
    const actual = ref.sha256.toLowerCase();
    const session = await InferenceSession.create(bytes, {
      intraOpNumThreads: options.intraOpNumThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: options.logSeverityLevel ?? 2,
    });
    logger.info(
      {
        model: ref.file,
        bytes: bytes.length,
        sha256: actual.slice(0, 16),
        ms: Math.round(performance.now() - started),
      },
      'model loaded and verified',
    );
    return new OnnxModel(ref.file, session);
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  async run(feeds: Record<string, Tensor>): Promise<InferenceSession.ReturnType> {
    const started = performance.now();
    try {
      return await this.session.run(feeds);
    } finally {
      this.#runMs += performance.now() - started;
    }
  }

  /** Milliseconds spent in `session.run` since load. */
  get runMs(): number {
    return this.#runMs;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
