import { type AddressInfo, createServer, type Server } from 'node:net';

/** Thrown before anything starts when a port the machine needs is taken; says how to choose another. */
export class PortTakenError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(
      `port ${port} on 127.0.0.1 is already in use (another program, or Ecogate already running); ` +
        `choose another with ${variable}=<port>`,
    );
    this.name = 'PortTakenError';
  }
}

export async function assertPortFree(port: number, variable: string): Promise<void> {
  if (!(await isFree(port))) throw new PortTakenError(port, variable);
}

/** `count` different ports nobody listens on now (the kernel's picks, all held until each is known). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
