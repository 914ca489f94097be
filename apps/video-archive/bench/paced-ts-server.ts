import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

// A stand-in for N cameras, run as its own process so its CPU is not counted as the recorder's:
// serves one pre-encoded MPEG-TS file over HTTP to every client at its own bitrate (real time),
// from the start, in 188-byte-aligned chunks every 100 ms. Args: <file> <seconds of media> <port>.
const [file = '', mediaSeconds = '0', port = '0'] = process.argv.slice(2);
const TICK_MS = 100;

async function main(): Promise<void> {
  const handle = await open(file, 'r');
  const { size } = await handle.stat();
  const bytesPerTick = Math.ceil(size / Number(mediaSeconds) / (1000 / TICK_MS) / 188) * 188;
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'video/mp2t' });
    let closed = false;
    request.on('close', () => (closed = true));
    void (async () => {
      const started = Date.now();
      for (let offset = 0, tick = 1; offset < size && !closed; offset += bytesPerTick, tick++) {
        const chunk = Buffer.alloc(Math.min(bytesPerTick, size - offset));
        await handle.read(chunk, 0, chunk.length, offset);
        if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
        await sleep(Math.max(0, started + tick * TICK_MS - Date.now()));
      }
      response.end();
    })();
  });
  server.listen(Number(port), '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

void main();
