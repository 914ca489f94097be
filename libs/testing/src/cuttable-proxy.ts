import { createServer, type Server, type Socket, connect } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a shared service (Postgres, MinIO, another service) that a
 * test can cut and restore: `cut()` resets every open connection and refuses new ones, as a
 * dependency that went away would, without touching the service other tests use.
 */
export class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  private cutNow = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.cutNow) return void client.resetAndDestroy();
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Resets open connections and refuses (resets) new ones until `restore()`. */
  cut(): void {
    this.cutNow = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  restore(): void {
    this.cutNow = false;
  }

  /** `url` with its host and port replaced by the proxy's. */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Seconds a dependency stays cut in the outage tests: the first of `names` (e.g. `LEDGER_OUTAGE_S`)
 * that is set, else `OUTAGE_S`, else `fallback`. `OUTAGE_S=60` runs every test at the data-loss
 * review's 60 s.
 */
export function outageSeconds(fallback: number, ...names: string[]): number {
  for (const name of [...names, 'OUTAGE_S']) {
    const value = process.env[name];
    if (value === undefined || value === '') continue;
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new Error(`${name}=${value} is not a number of seconds`);
    return seconds;
  }
  return fallback;
}
