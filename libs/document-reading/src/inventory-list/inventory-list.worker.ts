import { parentPort, workerData } from 'node:worker_threads';
import { type FromWorker, type ToWorker } from '@ecogate/lpr';
import sharp from 'sharp';
import { type InventoryListWorkerInit } from './inventory-list-pool';
import { type InventoryListOutcome, readInventoryList } from './inventory-list-reader';
import { decodeQrTexts } from './qr-decoder';

// One worker = one ZXing module, one photo at a time, speaking the plate workers' protocol so lpr's
// RecognitionPool queues, times out and replaces it the same way.

const port = parentPort;
if (!port) throw new Error('inventory-list.worker must run in a worker thread');

const post = (message: FromWorker<InventoryListOutcome>) => port.postMessage(message);

async function start(init: InventoryListWorkerInit): Promise<void> {
  sharp.concurrency(init.sharpConcurrency);
  sharp.cache(false);
  // Instantiates the wasm module now, so the first photo does not pay for it.
  const started = performance.now();
  await decodeQrTexts({ width: 64, height: 64, data: new Uint8Array(64 * 64).fill(255) });
  const warmUpMs = performance.now() - started;
  port?.on('message', (message: ToWorker) => {
    readInventoryList(message.bytes, init.reader).then(
      (outcome) => post({ type: 'result', id: message.id, outcome }),
      (error: unknown) => post({ type: 'crashed', id: message.id, message: errorMessage(error) }),
    );
  });
  post({ type: 'ready', warmUpMs });
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

start(workerData as InventoryListWorkerInit).catch((error: unknown) =>
  post({ type: 'init-failed', message: errorMessage(error) }),
);
