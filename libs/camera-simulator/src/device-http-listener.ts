import { createServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';

/**
 * A simulated device's HTTP listener on 127.0.0.1 that can cut every open connection, as a power
 * cut does; while `isOff()` holds, a new connection dies at once.
 */
export class DeviceHttpListener {
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private base = '';

  constructor(
    private readonly handler: RequestListener,
    private readonly isOff: () => boolean,
  ) {}

  /** Listens (on a free port unless given); resolves with the base URL `http://127.0.0.1:<port>`. */
  async start(port = 0): Promise<string> {
    const server = createServer(this.handler);
    server.on('connection', (socket: Socket) => {
      // A device that is off does not answer: the connection dies at once.
      if (this.isOff()) {
        socket.destroy();
        return;
      }
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.base;
  }

  /** Destroys every open connection; the listener stays up. */
  cutConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    this.cutConnections();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The base URL once started, else ''. */
  get url(): string {
    return this.base;
  }
}
