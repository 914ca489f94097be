import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type PoolOptions, RecognitionPool } from '@ecogate/lpr';
import { type DrivingLicenceEngineConfig } from './driving-licence-engine';
import { type DrivingLicenceOutcome, type DrivingLicenceReaderOptions } from './driving-licence-reader';

/** What each licence worker is started with (structured-cloned into it). */
export interface DrivingLicenceWorkerInit {
  readonly engine: DrivingLicenceEngineConfig;
  readonly reader: DrivingLicenceReaderOptions;
  /** libvips threads per worker. */
  readonly sharpConcurrency: number;
}

export type DrivingLicencePool = RecognitionPool<DrivingLicenceOutcome, DrivingLicenceWorkerInit>;

/**
 * The licence reader's own worker threads, on lpr's pool (bounded queue, `overloaded` at once when
 * full, hung jobs timed out): OCR of a page takes about a second of CPU and never runs on the
 * event loop, nor delays the lanes' plate reads queued in the plate pool.
 */
export function startDrivingLicencePool(
  options: Omit<PoolOptions<DrivingLicenceWorkerInit>, 'workerScript'>,
): Promise<DrivingLicencePool> {
  return RecognitionPool.start<DrivingLicenceOutcome, DrivingLicenceWorkerInit>({
    ...options,
    workerScript: workerScript(),
  });
}

/** Next to this file: `.ts` from source (Jest, tsx), `.js` once compiled. */
function workerScript(): string {
  const js = join(__dirname, 'driving-licence.worker.js');
  return existsSync(js) ? js : join(__dirname, 'driving-licence.worker.ts');
}
