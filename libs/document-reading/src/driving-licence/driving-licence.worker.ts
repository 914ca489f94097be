import { parentPort, workerData } from 'node:worker_threads';
import { createRawImage, type FromWorker, type LprLogger, type ToWorker } from '@ecogate/lpr';
import sharp from 'sharp';
import { type DrivingLicenceWorkerInit } from './driving-licence-pool';
import { type DrivingLicenceEngine, loadDrivingLicenceEngine } from './driving-licence-engine';
import { type DrivingLicenceOutcome, DrivingLicenceReader } from './driving-licence-reader';

// One worker = one licence reader (its own onnxruntime sessions), one photo at a time, speaking the
// plate workers' protocol so lpr's RecognitionPool queues, times out and replaces it the same way.

const port = parentPort;
if (!port) throw new Error('driving-licence.worker must run in a worker thread');

const post = (message: FromWorker<DrivingLicenceOutcome>) => port.postMessage(message);
const logger: LprLogger = {
  info: (fields, message) => post({ type: 'log', level: 'info', fields, message }),
  warn: (fields, message) => post({ type: 'log', level: 'warn', fields, message }),
  error: (fields, message) => post({ type: 'log', level: 'error', fields, message }),
};

async function start(init: DrivingLicenceWorkerInit): Promise<void> {
  sharp.concurrency(init.sharpConcurrency);
  sharp.cache(false);
  const engine = await loadDrivingLicenceEngine(init.engine, logger);
  const reader = new DrivingLicenceReader(engine, init.reader);
  const warmUpMs = await warmUp(engine);
  port?.on('message', (message: ToWorker) => {
    reader.read(message.bytes).then(
      (outcome) => post({ type: 'result', id: message.id, outcome }),
      (error: unknown) => post({ type: 'crashed', id: message.id, message: errorMessage(error) }),
    );
  });
  post({ type: 'ready', warmUpMs });
}

/** One run of each model, so the first photo does not pay for onnxruntime's lazy allocations. */
async function warmUp(engine: DrivingLicenceEngine): Promise<number> {
  const started = performance.now();
  const page = createRawImage(320, 224);
  page.data.fill(235);
  await engine.detector.detect(page);
  await engine.recogniser.recognise([createRawImage(320, 48)]);
  return performance.now() - started;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

start(workerData as DrivingLicenceWorkerInit).catch((error: unknown) =>
  post({ type: 'init-failed', message: errorMessage(error) }),
);
