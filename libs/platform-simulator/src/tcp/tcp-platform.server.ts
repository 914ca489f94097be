import { createServer, type Server } from 'node:net';
import { TcpSession, type TcpSessionDeps, type TcpSessionView } from './tcp-session';

/** The TCP variant of the platform: one `TcpSession` per connection. */
export class TcpPlatformServer {
  readonly #sessions = new Set<TcpSession>();

  constructor(private readonly deps: TcpSessionDeps) {}

  /** A fresh `net.Server` each time the listener (re)starts. */
  readonly createServer = (): Server =>
    createServer((socket) => {
      const session = new TcpSession(socket, this.deps);
      this.#sessions.add(session);
      socket.once('close', () => this.#sessions.delete(session));
    });

  sessions(): TcpSessionView[] {
    return [...this.#sessions].map((session) => session.view());
  }
}
