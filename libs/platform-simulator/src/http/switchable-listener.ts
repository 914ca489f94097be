import { type Server, type Socket } from 'node:net';
import { type Switchable } from './listener-control';

/**
 * A listener that can really stop (clients get ECONNREFUSED) and come back on the same port,
 * which is how the `down` fault simulates a platform outage. Open connections are destroyed on
 * stop, as they would be when the remote host goes away.
 */
export class SwitchableListener implements Switchable {
  #server: Server | undefined;
  #sockets = new Set<Socket>();
  #port: number;

  constructor(
    private readonly createServer: () => Server,
    private readonly host: string,
    port: number,
  ) {
    this.#port = port;
  }

  /** The bound port (the one picked by the OS when 0 was asked). */
  get port(): number {
    return this.#port;
  }

  async start(): Promise<number> {
    if (this.#server) return this.#port;
    const server = this.createServer();
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.host, port: this.#port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.#port = address.port;
    this.#server = server;
    return this.#port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  async setDown(down: boolean): Promise<void> {
    if (down) await this.stop();
    else await this.start();
  }
}
