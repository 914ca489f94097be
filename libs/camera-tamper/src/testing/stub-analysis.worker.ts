import { parentPort } from 'node:worker_threads';

// Speaks the view analysis worker's protocol for the pool's failure tests. The first byte of the
// image says what to do: 0 hang, 1 exit the thread, 2 throw, anything else answer at once.

const port = parentPort;
if (!port) throw new Error('stub-analysis.worker must run in a worker thread');

port.on('message', ({ id, job }: { id: number; job: { op: string; image: Uint8Array } }) => {
  const what = job.image[0];
  if (what === 0) return;
  if (what === 1) process.exit(3);
  else if (what === 2)
    port.postMessage({ type: 'failed', id, name: 'TamperImageError', message: 'stub: not an image' });
  else
    setTimeout(
      () => port.postMessage({ type: 'result', id, result: `${job.op}:${job.image.length}` }),
      job.image[1] ?? 0,
    );
});
port.postMessage({ type: 'ready' });
