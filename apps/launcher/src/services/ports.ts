import { createServer } from 'node:net';

/** Thrown before anything starts when a port the machine needs is taken; says how to choose another. */
export class PortTakenError extends Error {
  constructor(
    readonly port: number,
    readonly variable: string,
    why?: string,
  ) {
    super(
      `port ${port} on 127.0.0.1 is already in use (another program, or Ecogate already running); ` +
        `choose another with ${variable}=<port>${why ? ` (${why})` : ''}`,
    );
    this.name = 'PortTakenError';
  }
}

export async function assertPortFree(port: number, variable: string): Promise<void> {
  if (!(await isFree(port))) throw new PortTakenError(port, variable);
}

/** A port of the services' block (ECOGATE_PORT+100…+303): moved with ECOGATE_PORT. */
export async function assertServicePortFree(port: number): Promise<void> {
  if (!(await isFree(port)))
    throw new PortTakenError(
      port,
      'ECOGATE_PORT',
      "Ecogate's services use ECOGATE_PORT+100 to ECOGATE_PORT+303",
    );
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
