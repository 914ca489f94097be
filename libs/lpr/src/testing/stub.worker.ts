import { parentPort, workerData } from 'node:worker_threads';
import { type FromWorker, type ToWorker } from '../pool/worker-protocol';

// Speaks the recognition worker protocol without models, to drive the pool into its corners.
// First byte of a job: 0 = never answer, 1 = die, 2 = throw, anything else = answer after `bytes[1]` ms.

const port = parentPort;
const post = (message: FromWorker) => port?.postMessage(message);

if ((workerData as { failStart?: boolean } | undefined)?.failStart) {
  post({ type: 'init-failed', message: 'stub told to fail' });
} else {
  port?.on('message', (message: ToWorker) => {
    const [mode = 9, delay = 0] = message.bytes;
    if (mode === 0) return;
    if (mode === 1) process.exit(3);
    if (mode === 2) {
      post({ type: 'crashed', id: message.id, message: 'stub threw' });
      return;
    }
    setTimeout(
      () =>
        post({
          type: 'result',
          id: message.id,
          outcome: { kind: 'unreadable-image', reason: 'empty', message: `stub answered ${message.mode}` },
        }),
      delay,
    );
  });
  post({ type: 'ready', warmUpMs: 0 });
}
