import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { assessView } from '../assess-view';
import { frameFingerprint } from '../frame-fingerprint';
import { viewSignature } from '../view-signature';
import {
  type AnalysisJob,
  type AnalysisResult,
  type FromAnalysisWorker,
  type ToAnalysisWorker,
} from './analysis-protocol';

// One job at a time per worker (the pool in the caller's thread queues); the pixel loops of the
// analysis run here, off the caller's event loop.

const port = parentPort;
if (!port) throw new Error('view-analysis.worker must run in a worker thread');

// The libvips operation cache would hold decoded frames between jobs.
sharp.cache(false);

function run(job: AnalysisJob): Promise<AnalysisResult> {
  const image = Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength);
  switch (job.op) {
    case 'signature':
      return viewSignature(image);
    case 'assess':
      return assessView(job.reference, image, job.thresholds);
    case 'fingerprint':
      return frameFingerprint(image);
  }
}

const post = (message: FromAnalysisWorker) => port.postMessage(message);

port.on('message', ({ id, job }: ToAnalysisWorker) => {
  run(job).then(
    (result) => post({ type: 'result', id, result }),
    (error: unknown) =>
      post({
        type: 'failed',
        id,
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
post({ type: 'ready' });
