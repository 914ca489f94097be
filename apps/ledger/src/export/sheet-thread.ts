// The body of a sheet thread (`SheetThreadSink` starts one per export): pages of source rows in,
// through the domain's mapping and exceljs, into the file; an answer per page.
import { parentPort, workerData } from 'node:worker_threads';
import { type FromSheetThread, SheetWriterSink, type SheetSpec, type ToSheetThread } from './sheet-sink';

const port = parentPort;
if (!port) throw new Error('sheet-thread.ts runs as a worker thread');
const answer = (message: FromSheetThread) => port.postMessage(message);
const sink = new SheetWriterSink(workerData as SheetSpec);

// Pages are written one after the other, in the order they came.
let queue = Promise.resolve();
port.on('message', (message: ToSheetThread) => {
  queue = queue
    .then(async () => {
      switch (message.type) {
        case 'page':
          await sink.write(message.rows, message.enterpriseId);
          answer({ type: 'written', rows: message.rows.length });
          return;
        case 'close': {
          const { rows, sheets } = await sink.close();
          answer({ type: 'closed', rows, sheets });
          // The port's listener would keep the thread alive; its answers are delivered first.
          process.exit(0);
        }
      }
    })
    .catch((error: unknown) => {
      answer({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      });
      process.exit(1);
    });
});
