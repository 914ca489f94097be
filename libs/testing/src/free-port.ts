import { createServer } from 'node:net';

// Ports for servers a test starts later (often in another process). The kernel's pick (port 0)
// comes from its ephemeral range, where outgoing connections take their source ports too: one
// of them (a Kafka client's, beside the test) can take the port before the server listens
// (EADDRINUSE). These come from a block below that range and clear of the infra's and the
// launcher tests' ports, starting at a per-process point so parallel workers rarely meet.
const FIRST = 20_000;
const COUNT = 5_000;
let next = (process.pid * 7919) % COUNT;

/** A TCP port on 127.0.0.1 that is free now and outside the kernel's ephemeral range. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < COUNT; tries++) {
    const port = FIRST + (next++ % COUNT);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port in ${FIRST}-${FIRST + COUNT - 1}`);
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
