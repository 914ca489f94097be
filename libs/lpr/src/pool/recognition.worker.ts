import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { warmUp } from '../engine/engine-warm-up';
import { type LprLogger } from '../engine/lpr-logger';
import { createPlateEngine } from '../engine/plate-engine.factory';
import { PlatePipeline } from '../recognition/plate-pipeline';
import { type FromWorker, type ToWorker, type WorkerInit } from './worker-protocol';

// One worker = one engine (its own onnxruntime sessions) that runs one image at a time; the pool
// in the main thread does the queueing. Logs go to the main thread's logger.

const port = parentPort;
if (!port) throw new Error('recognition.worker must run in a worker thread');

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const logger: LprLogger = {
  info: (fields, message) => post({ type: 'log', level: 'info', fields, message }),
  warn: (fields, message) => post({ type: 'log', level: 'warn', fields, message }),
  error: (fields, message) => post({ type: 'log', level: 'error', fields, message }),
};

async function start(init: WorkerInit): Promise<void> {
  sharp.concurrency(init.sharpConcurrency);
  // The libvips operation cache would hold decoded images between requests.
  sharp.cache(false);
  const engine = await createPlateEngine(init.engine, logger);
  const pipeline = new PlatePipeline(engine, init.pipeline);
  const warmUpMs = await warmUp(engine);
  port?.on('message', (message: ToWorker) => {
    pipeline.run(message.bytes, message.mode).then(
      (outcome) => {
        const crops =
          outcome.kind === 'read' ? outcome.candidates.map((c) => c.cropJpeg.buffer as ArrayBuffer) : [];
        post({ type: 'result', id: message.id, outcome }, unique(crops));
      },
      (error: unknown) => post({ type: 'crashed', id: message.id, message: errorMessage(error) }),
    );
  });
  post({ type: 'ready', warmUpMs });
}

const unique = (buffers: ArrayBuffer[]) => [...new Set(buffers)];
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

start(workerData as WorkerInit).catch((error: unknown) =>
  post({ type: 'init-failed', message: errorMessage(error) }),
);
